namespace ModelZoo.Data.Datasets.Cifar;

/// <summary>The distribution format: the pickled "python version" torchvision uses, or the binary version (fixed-length records).</summary>
public enum CifarFormat { Python, Binary }
