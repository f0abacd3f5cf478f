namespace ModelZoo.Models.LeNets;

/// <summary>Pooling used by <see cref="LeNet5"/>.</summary>
public enum LeNetPooling { Max, Average }
