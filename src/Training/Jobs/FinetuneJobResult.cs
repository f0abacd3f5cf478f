namespace ModelZoo.Training.Jobs;

/// <summary>The outcome of a fine-tune job, as printed by `modelzoo finetune --json`.</summary>
public sealed record FinetuneJobResult(
    string Model,
    string Weights,
    IReadOnlyList<string> Classes,
    int TrainItems,
    int EvalItems,
    long TrainableParameters,
    long TotalParameters,
    int Epochs,
    double TrainLoss,
    double EvalAccuracy,
    double Seconds,
    string Checkpoint,
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
