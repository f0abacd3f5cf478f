namespace ModelZoo.Training.Callbacks;

/// <summary>Forwards step progress and epoch metrics to <see cref="IProgress{T}"/> sinks (a console bar, a log, a test).</summary>
public sealed class ProgressCallback : ITrainerCallback
{
    private readonly IProgress<TrainingProgress>? _steps;
    private readonly IProgress<EpochMetrics>? _epochs;

    public ProgressCallback(IProgress<TrainingProgress>? steps, IProgress<EpochMetrics>? epochs = null)
    {
        _steps = steps;
        _epochs = epochs;
    }

    public int Order => 100;
    public void OnStepEnd(TrainerContext context, TrainingProgress progress) => _steps?.Report(progress);
    public void OnEpochEnd(TrainerContext context, EpochMetrics metrics) => _epochs?.Report(metrics);
}
