using System.Diagnostics;
using ModelZoo.Core.Preprocessing;
using ModelZoo.Data;
using ModelZoo.Data.Catalog;
using ModelZoo.Models.Pretrained;
using ModelZoo.Models.Transfer;
using ModelZoo.Training.Checkpoints;
using ModelZoo.Training.Inference;

namespace ModelZoo.Training.Jobs;

/// <summary>
/// Fine-tunes pretrained weights on a new dataset: load the model with its weights, replace the classifier for the
/// dataset's classes (initialised from the seed), freeze what was asked, train with separate head and backbone learning
/// rates, evaluate, and save a ModelZoo checkpoint after every epoch (loadable by `modelzoo evaluate`, by another
/// fine-tune, and resumable with <see cref="RunOptions.Resume"/>), metrics logs and curves. The run itself is assembled
/// by <see cref="RunBuilder"/>, as for <see cref="TrainJob"/>.
/// </summary>
public static class FinetuneJob
{
    private const long HeadStream = 0x4EAD_0000_0000;

    public static async Task<FinetuneJobResult> RunAsync(FinetuneJobOptions options, IProgress<TrainingProgress>? steps = null,
        IProgress<EpochMetrics>? epochs = null, IProgress<WeightsDownloadProgress>? download = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.BackboneLearningRate is < 0)
            throw new ArgumentOutOfRangeException(nameof(options), options.BackboneLearningRate, "BackboneLearningRate must be >= 0.");
        var clock = Stopwatch.StartNew();
        ModelEntry entry = Zoo.Get(options.Model);
        RunBuilder run = RunBuilder.Create(options, entry.Name, Recipe(options));
        options = (FinetuneJobOptions)run.Options;
        await run.PrepareDataAsync(cancellationToken).ConfigureAwait(false);

        FinetuneData data = FinetuneData.Open(options);
        FinetuneSource source = await FinetuneSource.LoadAsync(options, download, cancellationToken).ConfigureAwait(false);
        using ImageClassifier model = source.Model;
        int classes = data.Train.Classes.Count;
        TorchSharp.torch.manual_seed(SampleRandom.Derive(options.Seed, HeadStream));   // the new head is the seed's (a resumed run then loads its weights)
        TransferLearning.ReplaceClassifier(model, classes);
        ApplyFreeze(model, options.Freeze);

        (ITransform trainTransform, ITransform evalTransform, IReadOnlyList<double> mean, IReadOnlyList<double> std) = Transforms(model, data, source, options.Augment);
        DataLoader train = new(data.Train, trainTransform, run.TrainLoading(classes));
        DataLoader eval = new(data.Eval, evalTransform, run.EvalLoading(64));

        double headLr = options.LearningRate, backboneLr = options.BackboneLearningRate ?? options.LearningRate / 10;
        RunPaths paths = run.Paths($"{entry.Name}-finetuned");
        var checkpoint = new CheckpointInfo
        {
            Model = entry.Name, Options = source.Options with { NumClasses = classes }, Classes = data.Train.Classes,
            Mean = mean.ToArray(), Std = std.ToArray(), Dataset = options.Dataset.ToLowerInvariant(),
            ImageSize = data.Spec.FixedSize ? new[] { data.Spec.Height, data.Spec.Width } : null,
        };
        long trainable = TransferLearning.CountTrainable(model), total = model.parameters().Sum(p => p.numel());
        TrainingResult result = await run.FitAsync(model, train, eval, paths, checkpoint,
            m => TransferLearning.HeadAndBackboneGroups(m, backboneLr, headLr), steps, epochs, cancellationToken).ConfigureAwait(false);
        return new FinetuneJobResult(entry.Name, source.Description, data.Train.Classes, data.Train.Count, data.Eval.Count, trainable, total,
            result.Epochs.Count, result.Last.TrainLoss, result.Last.EvalAccuracy ?? double.NaN, clock.Elapsed.TotalSeconds, paths.Checkpoint, result.Epochs)
        {
            MetricsCsv = paths.MetricsCsv, Plot = paths.Plot, BestCheckpoint = run.BestCheckpoint(paths), StopReason = result.StopReason,
        };
    }

    /// <summary>The recipe every checkpoint of this fine-tune records, and a resumed one must match: the weights (a file
    /// by its full path), model options, freeze, classes and training limit.</summary>
    public static FinetuneRecipe Recipe(FinetuneJobOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new FinetuneRecipe
        {
            Weights = File.Exists(options.Weights) ? Path.GetFullPath(options.Weights) : options.Weights,
            ModelOptions = options.ModelOptions, Freeze = options.Freeze, Classes = options.Classes, TrainLimit = options.TrainLimit,
        };
    }

    /// <summary>Applies a <see cref="FinetuneJobOptions.Freeze"/> value: "backbone", "none" or a comma list of module paths.</summary>
    public static void ApplyFreeze(ImageClassifier model, string freeze)
    {
        ArgumentNullException.ThrowIfNull(model);
        string value = (freeze ?? "").Trim();
        if (value.Length == 0 || value.Equals("none", StringComparison.OrdinalIgnoreCase)) return;
        if (value.Equals("backbone", StringComparison.OrdinalIgnoreCase))
        {
            TransferLearning.FreezeBackbone(model);
            return;
        }
        string[] paths = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (paths.Any(p => p == model.ClassifierName || p.StartsWith(model.ClassifierName + ".", StringComparison.Ordinal)))
            throw new ArgumentException($"--freeze names the new classifier '{model.ClassifierName}', which must train.");
        TransferLearning.Freeze(model, paths);
    }

    private static (ITransform Train, ITransform Eval, IReadOnlyList<double> Mean, IReadOnlyList<double> Std) Transforms(
        ImageClassifier model, FinetuneData data, FinetuneSource source, string? augment)
    {
        DatasetSpec spec = data.Spec;
        if (spec.FixedSize)
        {
            // Fixed-size data (MNIST family, synthetic): padded or resized to the model's input, normalised with the
            // statistics the weights were trained with when known, else the dataset's.
            if (source.Preset is { } known && known.Mean.Count == spec.Channels) spec = spec with { Mean = known.Mean.ToArray(), Std = known.Std.ToArray() };
            return (DataPipeline.Preprocessing(model, spec, spec.Height, augment), DataPipeline.Preprocessing(model, spec), spec.Mean, spec.Std);
        }
        if (model.InChannels != spec.Channels)
            throw new ArgumentException($"Dataset '{spec.Name}' has {spec.Channels}-channel images but {model.GetName()} takes {model.InChannels}.");
        // Image folders: the weights' own evaluation preset (ImageNet's for a plain file), the augmentation at its crop size.
        InferencePreset preset = source.Preset ?? InferencePreset.ImageNet;
        if (model.FixedInputSize is { } size && size.Height == size.Width && size.Height != preset.CropSize)
            preset = new InferencePreset(Math.Max(size.Height, size.Height * preset.ResizeSize / preset.CropSize), size.Height,
                preset.Interpolation, preset.Mean, preset.Std);   // keep the preset's resize/crop ratio at the model's input size
        ITransform train = Presets.Train(augment ?? "imagenet", preset.CropSize, preset.Mean, preset.Std);
        return (train, InferenceTransforms.FromPreset(preset), preset.Mean, preset.Std);
    }
}
