using ModelZoo.Data;
using ModelZoo.Data.Datasets;
using ModelZoo.Training.Jobs;

namespace ModelZoo.Training.Transfer;

/// <summary>The training and evaluation sets of a fine-tune job (class filter and limit applied).</summary>
internal sealed record FinetuneData(IClassificationDataset Train, IClassificationDataset Eval, DatasetSpec? Spec)
{
    /// <summary>True for ImageFolder data (RGB images of any size), false for the catalog's fixed-size datasets.</summary>
    public bool IsImageFolder => Spec is null;

    public static async Task<FinetuneData> OpenAsync(FinetuneJobOptions options, CancellationToken cancellationToken)
    {
        (IClassificationDataset train, IClassificationDataset eval, DatasetSpec? spec) =
            string.Equals(options.Dataset.Trim(), "imagefolder", StringComparison.OrdinalIgnoreCase)
                ? OpenImageFolder(options)
                : await OpenCatalogAsync(options, cancellationToken).ConfigureAwait(false);
        if (options.Classes is { Count: > 0 } names)
        {
            int[] classes = ClassSubset.ResolveClasses(train, names);
            train = ClassSubset.Of(train, classes, options.TrainLimit);
            eval = ClassSubset.Of(eval, classes);
        }
        else if (options.TrainLimit is { } limit && limit < train.Count)
        {
            train = ClassificationSubset.Range(train, 0, limit);
        }
        if (spec is not null) spec = spec with { Classes = train.Classes };
        return new FinetuneData(train, eval, spec);
    }

    private static (IClassificationDataset, IClassificationDataset, DatasetSpec?) OpenImageFolder(FinetuneJobOptions options)
    {
        string root = options.DataDirectory
            ?? throw new ArgumentException("Dataset 'imagefolder' needs a data directory (--data-dir) holding train/ and val/ class folders, or class folders.");
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"Data directory not found: {Path.GetFullPath(root)}.");
        if (options.TrainRange is not null || options.EvalRange is not null)
            throw new ArgumentException("--train-range/--eval-range apply to catalog datasets; ImageFolder data uses train/ and val/ folders (or a seeded 80/20 split).");
        string train = Path.Combine(root, "train");
        string? val = new[] { "val", "valid", "validation", "test" }.Select(n => Path.Combine(root, n)).FirstOrDefault(Directory.Exists);
        if (Directory.Exists(train) && val is not null)
        {
            var trainSet = new ImageFolder(train);
            var evalSet = new ImageFolder(val);
            if (!trainSet.Classes.SequenceEqual(evalSet.Classes))
                throw new InvalidDataException($"{train} has classes [{string.Join(", ", trainSet.Classes)}] but {val} has [{string.Join(", ", evalSet.Classes)}].");
            return (trainSet, evalSet, null);
        }
        var all = new ImageFolder(root);
        ClassificationSubset[] parts = RandomSplit.Split(all, new[] { 0.8, 0.2 }, options.Seed);
        return (parts[0], parts[1], null);
    }

    private static async Task<(IClassificationDataset, IClassificationDataset, DatasetSpec?)> OpenCatalogAsync(FinetuneJobOptions options, CancellationToken ct)
    {
        if (options.DataDirectory != null && !Directory.Exists(options.DataDirectory))
            throw new DirectoryNotFoundException($"Data directory not found: {Path.GetFullPath(options.DataDirectory)}.");
        if (options.Download && options.DataDirectory != null)
            await DatasetCatalog.EnsureDownloadedAsync(options.Dataset, options.DataDirectory, options.Mirrors, null, ct).ConfigureAwait(false);
        (IClassificationDataset dataset, DatasetSpec spec) = DatasetCatalog.Open(options.Dataset, options.DataDirectory, options.Seed);
        (IndexRange defTrain, IndexRange defEval) = DataPipeline.DefaultRanges(dataset.Count);
        IndexRange train = options.TrainRange ?? defTrain, eval = options.EvalRange ?? defEval;
        foreach (IndexRange r in new[] { train, eval })
            if (r.End > dataset.Count)
                throw new ArgumentOutOfRangeException(nameof(options), $"Range {r} is past the end of dataset '{spec.Name}', which has {dataset.Count} items.");
        return (ClassificationSubset.Range(dataset, train.Start, train.End), ClassificationSubset.Range(dataset, eval.Start, eval.End), spec);
    }
}
