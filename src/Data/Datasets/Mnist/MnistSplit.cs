namespace ModelZoo.Data.Datasets.Mnist;

/// <summary>Which file set of an MNIST-format dataset: train-* (60,000) or t10k-* (10,000).</summary>
public enum MnistSplit { Train, Test }
