namespace ModelZoo.Training;

/// <summary>The history of a <see cref="Trainer.Fit"/> run.</summary>
public sealed record TrainingResult(IReadOnlyList<EpochMetrics> Epochs, TimeSpan Duration, bool Stopped)
{
    public EpochMetrics Last => Epochs[^1];

    /// <summary>Why the run stopped before its last epoch, when a callback said (e.g. early stopping).</summary>
    public string? StopReason { get; init; }
}
