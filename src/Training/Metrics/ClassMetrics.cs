namespace ModelZoo.Training.Metrics;

/// <summary>Precision, recall and F1 of one class, its support (samples of the class) and how often it was predicted.</summary>
public sealed record ClassMetrics(string Name, double Precision, double Recall, double F1, long Support, long Predicted);
