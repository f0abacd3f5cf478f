using ModelZoo.Data.Datasets;

namespace ModelZoo.Data;

/// <summary>
/// Opens the datasets known by name (<c>synthetic</c>, <c>mnist</c>, <c>fashion-mnist</c>, <c>kmnist</c>) the way the
/// CLI and notebooks do: one call gives the dataset and its <see cref="DatasetSpec"/>.
/// </summary>
public static class DatasetCatalog
{
    /// <summary>Items in the embedded synthetic dataset.</summary>
    public const int SyntheticCount = 10_000;

    public static IReadOnlyList<string> Names { get; } = new[] { "synthetic", "mnist", "fashion-mnist", "kmnist" };

    /// <summary>Opens <paramref name="name"/>. For the MNIST family the file set in <paramref name="dataDirectory"/> is
    /// train-* when both train files are there, else t10k-*. Missing files raise <see cref="FileNotFoundException"/>
    /// naming the files and the directory (call <see cref="EnsureDownloadedAsync"/> first to fetch them).</summary>
    public static (IClassificationDataset Dataset, DatasetSpec Spec) Open(string name, string? dataDirectory = null, long seed = 0)
    {
        switch (Normalize(name))
        {
            case "synthetic":
                var synthetic = new SyntheticShapesDataset(SyntheticCount, seed);
                return (synthetic, new DatasetSpec("synthetic", 1, 28, 28, new[] { 0.5 }, new[] { 0.5 }, synthetic.Classes));
            case var mnistName:
                MnistVariant variant = Variant(mnistName);
                string dir = dataDirectory ?? throw new ArgumentException($"Dataset '{name}' needs a data directory (--data-dir).");
                if (!Directory.Exists(dir))
                    throw new DirectoryNotFoundException($"Data directory not found: {Path.GetFullPath(dir)}");
                MnistSplit split = MnistDataset.HasSplit(dir, MnistSplit.Train) ? MnistSplit.Train : MnistSplit.Test;
                MnistDataset data = MnistDataset.Load(dir, split, variant);
                (double mean, double std) = variant switch
                {
                    MnistVariant.FashionMnist => (0.2860, 0.3530),
                    MnistVariant.KMnist => (0.1918, 0.3483),
                    _ => (0.1307, 0.3081),
                };
                return (data, new DatasetSpec(mnistName, 1, data.Height, data.Width, new[] { mean }, new[] { std }, data.Classes));
        }
    }

    /// <summary>True when the named dataset needs no download or its files are in <paramref name="dataDirectory"/>.</summary>
    public static bool IsAvailable(string name, string? dataDirectory)
    {
        string n = Normalize(name);
        if (n == "synthetic") return true;
        return dataDirectory != null && Directory.Exists(dataDirectory)
            && (MnistDataset.HasSplit(dataDirectory, MnistSplit.Train) || MnistDataset.HasSplit(dataDirectory, MnistSplit.Test));
    }

    /// <summary>Downloads the MNIST-family files into <paramref name="dataDirectory"/> when they are missing.</summary>
    public static Task EnsureDownloadedAsync(string name, string dataDirectory, IReadOnlyList<string>? mirrors = null,
        IProgress<(string File, long Bytes, long? Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        string n = Normalize(name);
        if (n == "synthetic" || IsAvailable(n, dataDirectory)) return Task.CompletedTask;
        return MnistDownloader.EnsureAsync(dataDirectory, Variant(n), mirrors, progress, cancellationToken);
    }

    private static string Normalize(string name)
    {
        string n = (name ?? throw new ArgumentNullException(nameof(name))).Trim().ToLowerInvariant().Replace('_', '-');
        if (n == "fashionmnist") n = "fashion-mnist";
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
