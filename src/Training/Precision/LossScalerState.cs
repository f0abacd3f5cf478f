namespace ModelZoo.Training.Precision;

/// <summary>What a checkpoint stores of a <see cref="DynamicLossScaler"/>: the current scale and the number of
/// consecutive finite steps since the scale last changed.</summary>
public sealed record LossScalerState(double Scale, int GrowthTracker);
