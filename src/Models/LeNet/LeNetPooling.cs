namespace ModelZoo.Models.LeNet;

/// <summary>Pooling used by <see cref="LeNet5"/>.</summary>
public enum LeNetPooling { Max, Average }
