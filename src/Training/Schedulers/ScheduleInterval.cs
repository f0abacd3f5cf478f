namespace ModelZoo.Training.Schedulers;

/// <summary>How often a learning-rate schedule moves: after every optimizer step, or at the start of every epoch.</summary>
public enum ScheduleInterval
{
    Step,
    Epoch,
}
