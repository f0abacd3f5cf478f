namespace ModelZoo.Training.Schedulers;

/// <summary>PyTorch's ExponentialLR: factor = γ^t (default per epoch).</summary>
public sealed class ExponentialSchedule : LearningRateScheduler
{
    public ExponentialSchedule(double gamma = 0.9, ScheduleInterval interval = ScheduleInterval.Epoch, double warmupEpochs = 0)
        : base(interval, warmupEpochs)
    {
        if (!(gamma > 0 && gamma <= 1)) throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "Gamma must be in (0, 1].");
        Gamma = gamma;
    }

    public double Gamma { get; }

    protected override double Factor(long t, long total) => Math.Pow(Gamma, t);
}
