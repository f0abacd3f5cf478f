namespace ModelZoo.Data.Datasets.Mnist;

/// <summary>The IDX-format digit/clothing/character datasets.</summary>
public enum MnistVariant { Mnist, FashionMnist, KMnist }
