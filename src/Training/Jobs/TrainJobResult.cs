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
}
