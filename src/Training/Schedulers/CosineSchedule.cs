namespace ModelZoo.Training.Schedulers;

/// <summary>
/// Cosine annealing (PyTorch's CosineAnnealingLR over the whole run, T_max = its length) after an optional linear
/// warm-up: factor = m + (1 − m)·(1 + cos(π·t / T)) / 2 from 1 down to <see cref="MinFactor"/> m. Per step by default.
/// </summary>
public sealed class CosineSchedule : LearningRateScheduler
{
    public CosineSchedule(double warmupEpochs = 0, double minFactor = 0, ScheduleInterval interval = ScheduleInterval.Step)
        : base(interval, warmupEpochs)
    {
        if (!(minFactor >= 0 && minFactor < 1)) throw new ArgumentOutOfRangeException(nameof(minFactor), minFactor, "The minimum factor must be in [0, 1).");
        MinFactor = minFactor;
    }

    /// <summary>The final rate as a fraction of the base rate (PyTorch's eta_min / base).</summary>
    public double MinFactor { get; }

    protected override double Factor(long t, long total) => MinFactor + (1 - MinFactor) * (1 + Math.Cos(Math.PI * t / total)) / 2;
}
