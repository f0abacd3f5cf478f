using ModelZoo.Data.Datasets.Download;
namespace ModelZoo.Data.Datasets.Cifar;

/// <summary>Folder and file names, meta files and download archives of the CIFAR distributions.</summary>
public static class CifarFiles
{
    /// <summary>Pixel bytes per image: 3 planes (R, G, B) of 32 × 32.</summary>
    public const int ImageBytes = 3 * 32 * 32;

    /// <summary>The folder the archive unpacks to: cifar-10-batches-py, cifar-10-batches-bin, cifar-100-python, cifar-100-binary.</summary>
    public static string FolderName(CifarVariant variant, CifarFormat format) => (variant, format) switch
    {
        (CifarVariant.Cifar10, CifarFormat.Python) => "cifar-10-batches-py",
        (CifarVariant.Cifar10, _) => "cifar-10-batches-bin",
        (_, CifarFormat.Python) => "cifar-100-python",
        _ => "cifar-100-binary",
    };

    /// <summary>The data files of a split, in reading order.</summary>
    public static IReadOnlyList<string> DataFiles(CifarVariant variant, CifarFormat format, CifarSplit split)
    {
        string suffix = format == CifarFormat.Binary ? ".bin" : "";
        if (variant == CifarVariant.Cifar100) return new[] { (split == CifarSplit.Train ? "train" : "test") + suffix };
        return split == CifarSplit.Train
            ? Enumerable.Range(1, 5).Select(i => $"data_batch_{i}{suffix}").ToArray()
            : new[] { "test_batch" + suffix };
    }

    /// <summary>The meta file holding class names (pickle for the python version, one name per line for binary).</summary>
    public static string MetaFile(CifarVariant variant, CifarFormat format, CifarLabelKind labels) => (variant, format) switch
    {
        (CifarVariant.Cifar10, CifarFormat.Python) => "batches.meta",
        (CifarVariant.Cifar10, _) => "batches.meta.txt",
        (_, CifarFormat.Python) => "meta",
        _ => labels == CifarLabelKind.Coarse ? "coarse_label_names.txt" : "fine_label_names.txt",
    };

    /// <summary>The official archive (URL and MD5 as published on the CIFAR page; the python ones are torchvision's).</summary>
    public static DatasetArchive Archive(CifarVariant variant, CifarFormat format) => (variant, format) switch
    {
        (CifarVariant.Cifar10, CifarFormat.Python) => new("https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz",
            "cifar-10-python.tar.gz", "c58f30108f718f92721af3b95e74349a", FolderName(variant, format)),
        (CifarVariant.Cifar10, _) => new("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz",
            "cifar-10-binary.tar.gz", "c32a1d4ab5d03f1284b67883e8d87530", FolderName(variant, format)),
        (_, CifarFormat.Python) => new("https://www.cs.toronto.edu/~kriz/cifar-100-python.tar.gz",
            "cifar-100-python.tar.gz", "eb9058c3a382ffc7106e4002c42a8d85", FolderName(variant, format)),
        _ => new("https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz",
            "cifar-100-binary.tar.gz", "03b5dce01913d631647c71ecec9e9cb8", FolderName(variant, format)),
    };

    /// <summary>Built-in class names.</summary>
    public static IReadOnlyList<string> Classes(CifarVariant variant, CifarLabelKind labels) =>
        variant == CifarVariant.Cifar10 ? CifarClassNames.Cifar10
        : labels == CifarLabelKind.Coarse ? CifarClassNames.Cifar100Coarse : CifarClassNames.Cifar100Fine;
}
