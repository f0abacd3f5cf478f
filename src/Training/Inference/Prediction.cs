namespace ModelZoo.Training.Inference;

/// <summary>One of the top-k classes of a prediction: class index, its name, softmax probability and raw logit.</summary>
public sealed record Prediction(int Index, string Label, double Probability, double Logit);
