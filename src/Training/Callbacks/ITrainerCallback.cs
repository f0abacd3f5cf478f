namespace ModelZoo.Training.Callbacks;

/// <summary>
/// Handles the trainer's named events. Every method has a no-op default; callbacks run in ascending
/// <see cref="Order"/>. Set <see cref="TrainerContext.StopRequested"/> to end training after the current step.
/// </summary>
public interface ITrainerCallback
{
    int Order => 0;
    void OnFitStart(TrainerContext context) { }
    void OnEpochStart(TrainerContext context, int epoch) { }
    void OnStepEnd(TrainerContext context, TrainingProgress progress) { }
    void OnEpochEnd(TrainerContext context, EpochMetrics metrics) { }
    void OnFitEnd(TrainerContext context, TrainingResult result) { }
}
