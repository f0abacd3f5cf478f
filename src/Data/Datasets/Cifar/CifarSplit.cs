namespace ModelZoo.Data.Datasets.Cifar;

/// <summary>The 50,000 training or 10,000 test images.</summary>
public enum CifarSplit { Train, Test }
