namespace ModelZoo.Training.Jobs;

/// <summary>The outcome of a train job, as printed by `modelzoo train --json`.</summary>
public sealed record TrainJobResult(
    string Model, int Epochs, double TrainLoss, double EvalAccuracy, double Seconds, string Checkpoint,
    IReadOnlyList<EpochMetrics> History)
{
    /// <summary>Per-epoch metrics (CSV; metrics.jsonl lies beside it).</summary>
    public string? MetricsCsv { get; init; }

    /// <summary>Loss and accuracy curves (PNG).</summary>
    public string? Plot { get; init; }

    /// <summary>The best epoch's checkpoint (with <c>--save-best</c>), or null.</summary>
    public string? BestCheckpoint { get; init; }

    /// <summary>Why the run stopped before its last epoch (early stopping), or null.</summary>
    public string? StopReason { get; init; }
}
