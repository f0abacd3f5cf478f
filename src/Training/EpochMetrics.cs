namespace ModelZoo.Training;

/// <summary>Metrics of one epoch; evaluation fields are null when no evaluation set was given.</summary>
public sealed record EpochMetrics(
    int Epoch, double TrainLoss, double TrainAccuracy, double? EvalLoss, double? EvalAccuracy, TimeSpan Duration, int Samples);
