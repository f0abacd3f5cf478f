namespace ModelZoo.Data.Datasets.Mnist;

/// <summary>File names, class names and download sources of the MNIST-format datasets.</summary>
public static class MnistFiles
{
    public static string ImagesFile(MnistSplit split) => split == MnistSplit.Train ? "train-images-idx3-ubyte" : "t10k-images-idx3-ubyte";
    public static string LabelsFile(MnistSplit split) => split == MnistSplit.Train ? "train-labels-idx1-ubyte" : "t10k-labels-idx1-ubyte";

    /// <summary>The four gzip file names a full download provides.</summary>
    public static IReadOnlyList<string> AllGzipFiles { get; } = new[]
    {
        "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz",
    };

    public static IReadOnlyList<string> Classes(MnistVariant variant) => variant switch
    {
        MnistVariant.FashionMnist => new[] { "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot" },
        MnistVariant.KMnist => new[] { "o", "ki", "su", "tsu", "na", "ha", "ma", "ya", "re", "wo" },
        _ => new[] { "0 - zero", "1 - one", "2 - two", "3 - three", "4 - four", "5 - five", "6 - six", "7 - seven", "8 - eight", "9 - nine" },
    };

    /// <summary>Base URLs tried in order (torchvision's mirrors).</summary>
    public static IReadOnlyList<string> Mirrors(MnistVariant variant) => variant switch
    {
        MnistVariant.FashionMnist => new[] { "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/" },
        MnistVariant.KMnist => new[] { "http://codh.rois.ac.jp/kmnist/dataset/kmnist/" },
        _ => new[] { "https://ossci-datasets.s3.amazonaws.com/mnist/", "http://yann.lecun.com/exdb/mnist/" },
    };

    /// <summary>Expected hashes of the gzip files. SHA-256 where we verified it against the official files,
    /// MD5 (torchvision's published value) otherwise.</summary>
    public static IReadOnlyDictionary<string, (string Algorithm, string Hex)> Hashes(MnistVariant variant) => variant switch
    {
        MnistVariant.FashionMnist => new Dictionary<string, (string, string)>
        {
            ["train-images-idx3-ubyte.gz"] = ("md5", "8d4fb7e6c68d591d4c3dfef9ec88bf0d"),
            ["train-labels-idx1-ubyte.gz"] = ("md5", "25c81989df183df01b3e8a0aad5dffbe"),
            ["t10k-images-idx3-ubyte.gz"] = ("md5", "bef4ecab320f06d8554ea6380940ec79"),
            ["t10k-labels-idx1-ubyte.gz"] = ("md5", "bb300cfdad3c16e7a12a480ee83cd310"),
        },
        MnistVariant.KMnist => new Dictionary<string, (string, string)>
        {
            ["train-images-idx3-ubyte.gz"] = ("md5", "bdb82020997e1d708af4cf47b453dcf7"),
            ["train-labels-idx1-ubyte.gz"] = ("md5", "e144d726b3acfaa3e44228e80efcd344"),
            ["t10k-images-idx3-ubyte.gz"] = ("md5", "5c965bf0a639b31b8f53240b1b52f4d7"),
            ["t10k-labels-idx1-ubyte.gz"] = ("md5", "7320c461ea6c1c855c0b718fb2a4b134"),
        },
        _ => new Dictionary<string, (string, string)>
        {
            ["train-images-idx3-ubyte.gz"] = ("md5", "f68b3c2dcbeaaa9fbdd348bbdeb94873"),
            ["train-labels-idx1-ubyte.gz"] = ("sha256", "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
            ["t10k-images-idx3-ubyte.gz"] = ("sha256", "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
            ["t10k-labels-idx1-ubyte.gz"] = ("sha256", "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"),
        },
    };
}
