namespace ModelZoo.Training.Callbacks;

/// <summary>The learning rate (and momentum, where the optimizer has one) of every parameter group at one point of the run.</summary>
public sealed record LearningRateRecord(long GlobalStep, int Epoch, IReadOnlyList<double> LearningRates, IReadOnlyList<double?> Momenta);
