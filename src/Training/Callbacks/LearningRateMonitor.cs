using ModelZoo.Training.Schedulers;

namespace ModelZoo.Training.Callbacks;

/// <summary>
/// Records the learning rate and momentum of every parameter group (Lightning's LearningRateMonitor): once per optimizer
/// step, with the values that step used, or once per epoch at its start. The records are kept in <see cref="Records"/>
/// and reported to an optional <see cref="IProgress{T}"/> sink.
/// </summary>
public sealed class LearningRateMonitor : ITrainerCallback
{
    private readonly IProgress<LearningRateRecord>? _sink;
    private readonly List<LearningRateRecord> _records = new();

    public LearningRateMonitor(ScheduleInterval interval = ScheduleInterval.Step, IProgress<LearningRateRecord>? sink = null)
    {
        if (!Enum.IsDefined(interval)) throw new ArgumentOutOfRangeException(nameof(interval), interval, "Unknown interval.");
        Interval = interval;
        _sink = sink;
    }

    public ScheduleInterval Interval { get; }
    public IReadOnlyList<LearningRateRecord> Records => _records;

    /// <summary>After the schedulers, so it sees the rates they set.</summary>
    public int Order => -90;

    public void OnEpochStart(TrainerContext context, int epoch)
    {
        if (Interval == ScheduleInterval.Epoch) Record(context);
    }

    public void OnBeforeOptimizerStep(TrainerContext context)
    {
        if (Interval == ScheduleInterval.Step) Record(context);
    }

    private void Record(TrainerContext context)
    {
        var record = new LearningRateRecord(context.GlobalStep, context.Epoch,
            context.Optimizer.ParamGroups.Select(g => g.LearningRate).ToArray(),
            context.Optimizer.ParamGroups.Select(OptimizerMomentum.Get).ToArray());
        _records.Add(record);
        _sink?.Report(record);
    }
}
