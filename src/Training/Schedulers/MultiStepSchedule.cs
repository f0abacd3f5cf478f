namespace ModelZoo.Training.Schedulers;

/// <summary>PyTorch's MultiStepLR: the rate is multiplied by <see cref="Gamma"/> at each milestone (default per epoch):
/// factor = γ^(milestones ≤ t). Without milestones, at 50 % and 75 % of the run.</summary>
public sealed class MultiStepSchedule : LearningRateScheduler
{
    private readonly int[]? _milestones;

    public MultiStepSchedule(IReadOnlyList<int>? milestones = null, double gamma = 0.1, ScheduleInterval interval = ScheduleInterval.Epoch,
        double warmupEpochs = 0) : base(interval, warmupEpochs)
    {
        if (milestones is not null && (milestones.Count == 0 || milestones.Any(m => m < 1)))
            throw new ArgumentException("Milestones must be one or more positive numbers of epochs (or steps).", nameof(milestones));
        if (!(gamma > 0 && gamma <= 1)) throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "Gamma must be in (0, 1].");
        _milestones = milestones?.Order().ToArray();
        Gamma = gamma;
    }

    public IReadOnlyList<int>? Milestones => _milestones;
    public double Gamma { get; }

    protected override double Factor(long t, long total)
    {
        IEnumerable<long> milestones = _milestones?.Select(m => (long)m) ?? new[] { total / 2, total * 3 / 4 };
        return Math.Pow(Gamma, milestones.Count(m => m <= t));
    }
}
