namespace ModelZoo.Data.Datasets.Cifar;

/// <summary>Which CIFAR-100 label to use as the class: the 100 fine classes (default) or the 20 superclasses.</summary>
public enum CifarLabelKind { Fine, Coarse }
