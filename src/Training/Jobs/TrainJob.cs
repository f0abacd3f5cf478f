using System.Diagnostics;
using ModelZoo.Data;
using ModelZoo.Data.Catalog;
using ModelZoo.Training.Checkpoints;

namespace ModelZoo.Training.Jobs;

/// <summary>The main job: build a registered model, open a dataset, train, evaluate, save a checkpoint (every epoch,
/// resumable), metrics logs and curves; the run itself is assembled by <see cref="RunBuilder"/>.</summary>
public static class TrainJob
{
    public static async Task<TrainJobResult> RunAsync(TrainJobOptions options, IProgress<TrainingProgress>? steps = null,
        IProgress<EpochMetrics>? epochs = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        ModelEntry entry = Zoo.Get(options.Model);
        RunBuilder run = RunBuilder.Create(options, entry.Name);
        options = (TrainJobOptions)run.Options;
        CheckpointInfo? resume = run.Resumed;
        await run.PrepareDataAsync(cancellationToken).ConfigureAwait(false);
        DatasetSplits splits = DatasetCatalog.OpenSplits(options.Dataset, options.DataDirectory, options.Seed);
        DatasetSpec spec = splits.Spec;
        IClassificationDataset trainSet = splits.Train, evalSet = splits.Eval ?? splits.Train;
        (IndexRange defTrain, IndexRange defEval) = splits.Eval is null
            ? DataPipeline.DefaultRanges(trainSet.Count)
            : (new IndexRange(0, trainSet.Count), new IndexRange(0, evalSet.Count));
        IndexRange trainRange = options.TrainRange ?? defTrain, evalRange = options.EvalRange ?? defEval;

        ModelOptions modelOptions = resume?.Options ?? entry.OptionsFor(DataPipeline.InputOf(spec),
            new ModelOptions { NumClasses = spec.Classes.Count, Seed = options.Seed });   // the family's rule for these images
        using ImageClassifier model = entry.Build(modelOptions);
        int preferred = entry.DefaultImageSize;
        string? augment = options.Augment ?? (spec.FixedSize ? null : "imagenet");
        ITransform trainTransform = DataPipeline.Preprocessing(model, spec, preferred, augment);
        ITransform evalTransform = DataPipeline.Preprocessing(model, spec, preferred, augment: null);
        DataLoader train = DataPipeline.Loader(trainSet, trainRange, trainTransform, run.TrainLoading(spec.Classes.Count));
        DataLoader eval = DataPipeline.Loader(evalSet, evalRange, evalTransform, run.EvalLoading(256));

        RunPaths paths = run.Paths($"{entry.Name}-{spec.Name}");
        var checkpoint = new CheckpointInfo
        {
            Model = entry.Name, Options = modelOptions, Classes = spec.Classes, Mean = spec.Mean, Std = spec.Std,
            Dataset = options.Dataset.ToLowerInvariant(),
            ImageSize = spec.FixedSize ? new[] { spec.Height, spec.Width } : null,
        };
        TrainingResult result = await run.FitAsync(model, train, eval, paths, checkpoint, steps: steps, epochs: epochs,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return new TrainJobResult(entry.Name, result.Epochs.Count, result.Last.TrainLoss, result.Last.EvalAccuracy ?? double.NaN,
            clock.Elapsed.TotalSeconds, paths.Checkpoint, result.Epochs)
        {
            MetricsCsv = paths.MetricsCsv, Plot = paths.Plot, BestCheckpoint = run.BestCheckpoint(paths), StopReason = result.StopReason,
        };
    }
}
