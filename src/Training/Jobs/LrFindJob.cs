using ModelZoo.Data;
using ModelZoo.Data.Catalog;
using ModelZoo.Training.Tuning;

namespace ModelZoo.Training.Jobs;

/// <summary>The job behind `modelzoo lr-find`: builds the model and training loader as `train` does and runs the
/// <see cref="LearningRateFinder"/> on them.</summary>
public static class LrFindJob
{
    public static LearningRateFinderResult Run(LrFindJobOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ModelEntry entry = Zoo.Get(options.Model);
        if (options.Threads is { } threads)
        {
            if (threads < 1) throw new ArgumentOutOfRangeException(nameof(options), threads, "Threads must be >= 1.");
            TorchSharp.torch.set_num_threads(threads);
        }
        if (options.DataDirectory != null && !Directory.Exists(options.DataDirectory))
            throw new DirectoryNotFoundException($"Data directory not found: {Path.GetFullPath(options.DataDirectory)}.");
        DatasetSplits splits = DatasetCatalog.OpenSplits(options.Dataset, options.DataDirectory, options.Seed);
        DatasetSpec spec = splits.Spec;
        IndexRange range = options.TrainRange ?? (splits.Eval is null ? DataPipeline.DefaultRanges(splits.Train.Count).Train : new IndexRange(0, splits.Train.Count));
        // The family's default input (no rule for the data's size): LeNet-5 is probed at 32x32 with the digits padded.
        var modelOptions = new ModelOptions { NumClasses = spec.Classes.Count, InChannels = spec.Channels, Seed = options.Seed };
        using ImageClassifier model = entry.Build(modelOptions);
        int preferred = entry.DefaultImageSize;
        ITransform transform = DataPipeline.Preprocessing(model, spec, preferred, options.Augment ?? (spec.FixedSize ? null : "imagenet"));
        DataLoader train = DataPipeline.Loader(splits.Train, range, transform,
            new DataLoaderOptions { BatchSize = options.BatchSize, Shuffle = true, Seed = options.Seed, Workers = options.Workers });
        var trainer = new TrainerOptions
        {
            Optimizer = options.Optimizer, WeightDecay = options.WeightDecay, Precision = options.Precision, Seed = options.Seed, Device = options.Device,
        };
        LearningRateFinderResult result = LearningRateFinder.Find(model, train, trainer, options.Finder, cancellationToken);
        if (options.Plot is { } plot) result.SavePlot(plot);
        return result;
    }
}
