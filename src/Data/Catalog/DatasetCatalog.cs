using ModelZoo.Core.Preprocessing;
using ModelZoo.Data.Datasets.ImageFolders;
using ModelZoo.Data.Datasets.Mnist;
using ModelZoo.Data.Datasets.Synthetic;

namespace ModelZoo.Data.Catalog;

/// <summary>
/// Opens the datasets known by name (<c>synthetic</c>, <c>mnist</c>, <c>fashion-mnist</c>, <c>kmnist</c>,
/// <c>cifar10</c>, <c>cifar100</c>, <c>imagefolder</c>) the way the CLI and notebooks do: one call gives the dataset and
/// its <see cref="DatasetSpec"/>.
/// </summary>
public static class DatasetCatalog
{
    /// <summary>Items in the embedded synthetic dataset.</summary>
    public const int SyntheticCount = 10_000;

    public static IReadOnlyList<string> Names { get; } = new[] { "synthetic", "mnist", "fashion-mnist", "kmnist", "cifar10", "cifar100", "imagefolder" };

    /// <summary>Opens the training split and, where the dataset has one, a separate evaluation split: CIFAR gives its
    /// training and test batches, an ImageFolder root with <c>train/</c> and <c>val/</c> (or <c>valid/</c>, <c>test/</c>)
    /// sub-folders gives both; any other dataset gives one split that ranges divide (a single ImageFolder tree in a seeded
    /// random order, so ranges cut across classes).</summary>
    public static DatasetSplits OpenSplits(string name, string? dataDirectory = null, long seed = 0)
    {
        string normalized = Normalize(name);
        if (CifarCatalog.Handles(normalized)) return CifarCatalog.OpenSplits(normalized, RequireDirectory(name, dataDirectory));
        if (normalized != "imagefolder")
        {
            (IClassificationDataset data, DatasetSpec spec) = Open(name, dataDirectory, seed);
            return new DatasetSplits(data, null, spec);
        }
        string root = RequireDirectory(name, dataDirectory);
        string train = Path.Combine(root, "train");
        string? eval = new[] { "val", "valid", "validation", "test" }.Select(d => Path.Combine(root, d)).FirstOrDefault(Directory.Exists);
        if (!Directory.Exists(train))
        {
            // One tree lists its items class by class; present them in a seeded random order so index ranges
            // (e.g. the default first 80 % / last 20 %) split every class rather than cutting off the last ones.
            (IClassificationDataset all, DatasetSpec allSpec) = OpenFolder(root);
            int[] order = Enumerable.Range(0, all.Count).ToArray();
            var rng = new Random((int)(SampleRandom.Derive(seed, 0x1F01DE5) & 0x7FFFFFFF));
            for (int i = order.Length - 1; i > 0; i--)
            {
                int j = rng.Next(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
            return new DatasetSplits(new ClassificationSubset(all, order), null, allSpec);
        }
        (IClassificationDataset trainSet, DatasetSpec trainSpec) = OpenFolder(train);
        IClassificationDataset? evalSet = null;
        if (eval != null)
        {
            (evalSet, DatasetSpec evalSpec) = OpenFolder(eval);
            if (!evalSpec.Classes.SequenceEqual(trainSpec.Classes))
                throw new InvalidDataException(
                    $"{eval} has classes [{string.Join(", ", evalSpec.Classes)}] but {train} has [{string.Join(", ", trainSpec.Classes)}]; they must match.");
        }
        return new DatasetSplits(trainSet, evalSet, trainSpec);
    }

    private static (IClassificationDataset Dataset, DatasetSpec Spec) OpenFolder(string directory)
    {
        var folder = new ImageFolder(directory);
        return (folder, new DatasetSpec("imagefolder", 3, 0, 0, DatasetStatistics.ImageNetMean.ToArray(), DatasetStatistics.ImageNetStd.ToArray(), folder.Classes));
    }

    private static string RequireDirectory(string name, string? dataDirectory)
    {
        string dir = dataDirectory ?? throw new ArgumentException($"Dataset '{name}' needs a data directory (--data-dir).");
        if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"Data directory not found: {Path.GetFullPath(dir)}");
        return dir;
    }

    /// <summary>Opens <paramref name="name"/>. For the MNIST family the file set in <paramref name="dataDirectory"/> is
    /// train-* when both train files are there, else t10k-*; for CIFAR and an ImageFolder root with train/ and val/ it is
    /// the evaluation split (CIFAR's test batch; <see cref="OpenSplits"/> gives both). Missing files raise
    /// <see cref="FileNotFoundException"/> naming the files and the directory (call <see cref="EnsureDownloadedAsync"/>
    /// first to fetch them).</summary>
    public static (IClassificationDataset Dataset, DatasetSpec Spec) Open(string name, string? dataDirectory = null, long seed = 0)
    {
        switch (Normalize(name))
        {
            case "synthetic":
                var synthetic = new SyntheticShapesDataset(SyntheticCount, seed);
                return (synthetic, new DatasetSpec("synthetic", 1, 28, 28, new[] { 0.5 }, new[] { 0.5 }, synthetic.Classes));
            case "imagefolder":
                DatasetSplits splits = OpenSplits(name, dataDirectory, seed);
                return (splits.Eval ?? splits.Train, splits.Spec);
            case var cifar when CifarCatalog.Handles(cifar):
                return CifarCatalog.OpenTest(cifar, RequireDirectory(name, dataDirectory));
            case var mnistName:
                MnistVariant variant = Variant(mnistName);
                string dir = RequireDirectory(name, dataDirectory);
                MnistSplit split = MnistDataset.HasSplit(dir, MnistSplit.Train) ? MnistSplit.Train : MnistSplit.Test;
                MnistDataset data = MnistDataset.Load(dir, split, variant);
                (IReadOnlyList<double> mean, IReadOnlyList<double> std) = variant switch
                {
                    MnistVariant.FashionMnist => (DatasetStatistics.FashionMnistMean, DatasetStatistics.FashionMnistStd),
                    MnistVariant.KMnist => (DatasetStatistics.KMnistMean, DatasetStatistics.KMnistStd),
                    _ => (DatasetStatistics.MnistMean, DatasetStatistics.MnistStd),
                };
                return (data, new DatasetSpec(mnistName, 1, data.Height, data.Width, mean.ToArray(), std.ToArray(), data.Classes));
        }
    }

    /// <summary>True when the named dataset needs no download or its files are in <paramref name="dataDirectory"/>.</summary>
    public static bool IsAvailable(string name, string? dataDirectory)
    {
        string n = Normalize(name);
        if (n == "synthetic") return true;
        if (n == "imagefolder") return dataDirectory != null && Directory.Exists(dataDirectory);
        if (CifarCatalog.Handles(n)) return dataDirectory != null && Directory.Exists(dataDirectory) && CifarCatalog.IsAvailable(n, dataDirectory);
        return dataDirectory != null && Directory.Exists(dataDirectory)
            && (MnistDataset.HasSplit(dataDirectory, MnistSplit.Train) || MnistDataset.HasSplit(dataDirectory, MnistSplit.Test));
    }

    /// <summary>Downloads the dataset's files into <paramref name="dataDirectory"/> when they are missing: the four
    /// MNIST-family files, or CIFAR's python archive (then extracted there). <paramref name="mirrors"/> are base URLs
    /// tried in order instead of the official ones. Every file is hash-checked and written atomically; when no source
    /// works the <see cref="IOException"/> names the files and the directory to put them in.</summary>
    public static Task EnsureDownloadedAsync(string name, string dataDirectory, IReadOnlyList<string>? mirrors = null,
        IProgress<(string File, long Bytes, long? Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        string n = Normalize(name);
        if (n is "synthetic" or "imagefolder" || IsAvailable(n, dataDirectory)) return Task.CompletedTask;
        if (CifarCatalog.Handles(n)) return CifarCatalog.EnsureAsync(n, dataDirectory, mirrors, progress, cancellationToken);
        return MnistDownloader.EnsureAsync(dataDirectory, Variant(n), mirrors, progress, cancellationToken);
    }

    private static string Normalize(string name)
    {
        string n = (name ?? throw new ArgumentNullException(nameof(name))).Trim().ToLowerInvariant().Replace('_', '-');
        if (n == "fashionmnist") n = "fashion-mnist";
        if (n is "cifar-10" or "cifar-100") n = n.Replace("-", "");
        if (!Names.Contains(n))
            throw new ArgumentException($"Unknown dataset '{name}'. Known datasets: {string.Join(", ", Names)}.");
        return n;
    }

    private static MnistVariant Variant(string normalized) => normalized switch
    {
        "fashion-mnist" => MnistVariant.FashionMnist,
        "kmnist" => MnistVariant.KMnist,
        _ => MnistVariant.Mnist,
    };
}
