namespace ModelZoo.Training.Schedulers;

/// <summary>PyTorch's StepLR: the rate is multiplied by <see cref="Gamma"/> every <see cref="StepSize"/> units (default
/// per epoch): factor = γ^⌊t / step⌋. Without a step size, a third of the run (at least 1).</summary>
public sealed class StepSchedule : LearningRateScheduler
{
    public StepSchedule(int? stepSize = null, double gamma = 0.1, ScheduleInterval interval = ScheduleInterval.Epoch, double warmupEpochs = 0)
        : base(interval, warmupEpochs)
    {
        if (stepSize is < 1) throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, "The step size must be >= 1.");
        if (!(gamma > 0 && gamma <= 1)) throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "Gamma must be in (0, 1].");
        StepSize = stepSize;
        Gamma = gamma;
    }

    public int? StepSize { get; }
    public double Gamma { get; }

    protected override double Factor(long t, long total) => Math.Pow(Gamma, t / (StepSize ?? Math.Max(1, total / 3)));
}
