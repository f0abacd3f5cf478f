namespace ModelZoo.Data.Datasets.Cifar;

/// <summary>Which CIFAR dataset: 10 classes, or 100 fine classes grouped into 20 coarse ones.</summary>
public enum CifarVariant { Cifar10, Cifar100 }
