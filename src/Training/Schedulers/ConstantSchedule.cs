namespace ModelZoo.Training.Schedulers;

/// <summary>The base rate throughout (factor 1), after an optional linear warm-up.</summary>
public sealed class ConstantSchedule : LearningRateScheduler
{
    public ConstantSchedule(double warmupEpochs = 0, ScheduleInterval interval = ScheduleInterval.Step) : base(interval, warmupEpochs) { }

    protected override double Factor(long t, long total) => 1;
}
