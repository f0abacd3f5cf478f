namespace ModelZoo.Training.Transfer;

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
    IReadOnlyList<EpochMetrics> History);
