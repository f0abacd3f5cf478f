using System.Diagnostics;
using ModelZoo.Data;
using ModelZoo.Data.Catalog;
using ModelZoo.Data.Loading;
using ModelZoo.Data.Transforms;
using ModelZoo.Models;
using ModelZoo.Training.Callbacks;
using ModelZoo.Training.Checkpoints;

namespace ModelZoo.Training.Jobs;

/// <summary>The main job: build a registered model, open a dataset, train, evaluate, save a checkpoint.</summary>
public static class TrainJob
{
    public static async Task<TrainJobResult> RunAsync(TrainJobOptions options, IProgress<TrainingProgress>? steps = null,
        IProgress<EpochMetrics>? epochs = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        ModelEntry entry = Zoo.Get(options.Model);
        CheckpointInfo? resume = options.Resume is { } resumePath ? TrainJobResume.Check(options, entry.Name, resumePath) : null;
        if (resume?.Training is { } saved) options = options with { Seed = saved.Seed };   // data, init and shuffles as in the original run
        if (options.Threads is { } threads)
        {
            if (threads < 1) throw new ArgumentOutOfRangeException(nameof(options), threads, "Threads must be >= 1.");
            TorchSharp.torch.set_num_threads(threads);
        }
        if (options.DataDirectory != null && !Directory.Exists(options.DataDirectory))
            throw new DirectoryNotFoundException(
                $"Data directory not found: {Path.GetFullPath(options.DataDirectory)}. Create it (missing dataset files are then downloaded into it) or fix --data-dir.");
        if (options.Download && options.DataDirectory != null)
            await DatasetCatalog.EnsureDownloadedAsync(options.Dataset, options.DataDirectory, options.Mirrors, null, cancellationToken)
                .ConfigureAwait(false);
        DatasetSplits splits = DatasetCatalog.OpenSplits(options.Dataset, options.DataDirectory, options.Seed);
        DatasetSpec spec = splits.Spec;
        IClassificationDataset trainSet = splits.Train, evalSet = splits.Eval ?? splits.Train;
        (IndexRange defTrain, IndexRange defEval) = splits.Eval is null
            ? DataPipeline.DefaultRanges(trainSet.Count)
            : (new IndexRange(0, trainSet.Count), new IndexRange(0, evalSet.Count));
        IndexRange trainRange = options.TrainRange ?? defTrain, evalRange = options.EvalRange ?? defEval;

        var modelOptions = new ModelOptions { NumClasses = spec.Classes.Count, InChannels = spec.Channels, Seed = options.Seed };
        if (entry.Name == "lenet5" && spec.Height == 28) modelOptions = modelOptions with { InputSize = 32 };
        modelOptions = resume?.Options ?? modelOptions;
        using ImageClassifier model = entry.Build(modelOptions);
        int preferred = entry.DefaultInputShape.Length == 3 ? entry.DefaultInputShape[1] : 224;
        string? augment = options.Augment ?? (spec.FixedSize ? null : "imagenet");
        ITransform trainTransform = DataPipeline.Preprocessing(model, spec, preferred, augment);
        ITransform evalTransform = DataPipeline.Preprocessing(model, spec, preferred, augment: null);
        DataLoader train = DataPipeline.Loader(trainSet, trainRange, trainTransform,
            new DataLoaderOptions { BatchSize = options.BatchSize, Shuffle = true, Seed = options.Seed, Workers = options.Workers });
        DataLoader eval = DataPipeline.Loader(evalSet, evalRange, evalTransform,
            new DataLoaderOptions { BatchSize = Math.Max(options.BatchSize, 256), Workers = options.Workers });

        string checkpoint = options.Resume is { } continued ? Path.GetFullPath(continued)
            : CheckpointPaths.NextFree(options.OutputDirectory, $"{entry.Name}-{spec.Name}");
        string logs = options.LogDirectory ?? TrainJobResume.DefaultLogDirectory(checkpoint);
        var trainer = new Trainer(new TrainerOptions
        {
            Epochs = options.Epochs, LearningRate = options.LearningRate, Optimizer = options.Optimizer,
            Seed = options.Seed, Device = options.Device,
            Precision = options.Precision, MemoryFormat = options.MemoryFormat,
            ResumeFrom = options.Resume,
        });
        trainer.Add(new ProgressCallback(steps, epochs));
        var metricsLogger = new MetricsLogger(logs);
        var plot = new TrainingPlotCallback(Path.Combine(logs, "curves.png"));
        trainer.Add(metricsLogger).Add(plot);
        trainer.Add(new CheckpointCallback(checkpoint, (epoch, m) => new CheckpointInfo
        {
            Model = entry.Name, Options = modelOptions, Epoch = epoch, Classes = spec.Classes, Mean = spec.Mean, Std = spec.Std,
            Dataset = options.Dataset.ToLowerInvariant(),
            ImageSize = spec.FixedSize ? new[] { spec.Height, spec.Width } : null,
            Metrics = m is null ? null : new Dictionary<string, double>
            {
                ["train_loss"] = m.TrainLoss, ["train_accuracy"] = m.TrainAccuracy, ["eval_accuracy"] = m.EvalAccuracy ?? double.NaN,
            },
        }, everyEpoch: true));   // every epoch, so an interrupted run can --resume
        TrainingResult result = await Task.Run(() => trainer.Fit(model, train, eval, cancellationToken), cancellationToken).ConfigureAwait(false);
        return new TrainJobResult(entry.Name, result.Epochs.Count, result.Last.TrainLoss, result.Last.EvalAccuracy ?? double.NaN,
            clock.Elapsed.TotalSeconds, checkpoint, result.Epochs) { MetricsCsv = metricsLogger.CsvPath, Plot = plot.Path };
    }
}
