using System.Diagnostics;
using ModelZoo.Core.Preprocessing;
using ModelZoo.Data.Catalog;
using ModelZoo.Data.Loading;
using ModelZoo.Data.Transforms;
using ModelZoo.Models;
using ModelZoo.Models.Pretrained;
using ModelZoo.Models.Transfer;
using ModelZoo.Training.Callbacks;
using ModelZoo.Training.Checkpoints;
using ModelZoo.Training.Inference;
using ModelZoo.Training.Jobs;

namespace ModelZoo.Training.Transfer;

/// <summary>
/// Fine-tunes pretrained weights on a new dataset: load the model with its weights, replace the classifier for the
/// dataset's classes, freeze what was asked, train with separate head and backbone learning rates, evaluate, save a
/// ModelZoo checkpoint (loadable by `modelzoo evaluate` and by another fine-tune).
/// </summary>
public static class FinetuneJob
{
    public static async Task<FinetuneJobResult> RunAsync(FinetuneJobOptions options, IProgress<TrainingProgress>? steps = null,
        IProgress<EpochMetrics>? epochs = null, IProgress<WeightsDownloadProgress>? download = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        var clock = Stopwatch.StartNew();
        ModelEntry entry = Zoo.Get(options.Model);
        if (options.Threads is { } threads) TorchSharp.torch.set_num_threads(threads);

        FinetuneData data = await FinetuneData.OpenAsync(options, cancellationToken).ConfigureAwait(false);
        FinetuneSource source = await FinetuneSource.LoadAsync(options, download, cancellationToken).ConfigureAwait(false);
        using ImageClassifier model = source.Model;
        int classes = data.Train.Classes.Count;
        TransferLearning.ReplaceClassifier(model, classes);
        ApplyFreeze(model, options.Freeze);

        (ITransform trainTransform, ITransform evalTransform, IReadOnlyList<double> mean, IReadOnlyList<double> std) = Transforms(model, data, source, options.Augment);
        DataLoader train = new(data.Train, trainTransform, new DataLoaderOptions { BatchSize = options.BatchSize, Shuffle = true, Seed = options.Seed, Workers = options.Workers });
        DataLoader eval = new(data.Eval, evalTransform, new DataLoaderOptions { BatchSize = Math.Max(options.BatchSize, 64), Workers = options.Workers });

        double headLr = options.LearningRate, backboneLr = options.BackboneLearningRate ?? options.LearningRate / 10;
        string checkpoint = CheckpointPaths.NextFree(options.OutputDirectory, $"{entry.Name}-finetuned");
        ModelOptions saved = source.Options with { NumClasses = classes };
        var trainer = new Trainer(new TrainerOptions
        {
            Epochs = options.Epochs, LearningRate = headLr, Optimizer = options.Optimizer, Seed = options.Seed, Device = options.Device,
            ParameterGroups = m => TransferLearning.HeadAndBackboneGroups(m, backboneLr, headLr),
        });
        trainer.Add(new ProgressCallback(steps, epochs));
        trainer.Add(new CheckpointCallback(checkpoint, (epoch, m) => new CheckpointInfo
        {
            Model = entry.Name, Options = saved, Epoch = epoch, Classes = data.Train.Classes, Mean = mean.ToArray(), Std = std.ToArray(),
            ImageSize = data.Spec.FixedSize ? new[] { data.Spec.Height, data.Spec.Width } : null,
            Metrics = m is null ? null : new Dictionary<string, double>
            {
                ["train_loss"] = m.TrainLoss, ["train_accuracy"] = m.TrainAccuracy, ["eval_accuracy"] = m.EvalAccuracy ?? double.NaN,
            },
        }));
        long trainable = TransferLearning.CountTrainable(model), total = model.parameters().Sum(p => p.numel());
        TrainingResult result = await Task.Run(() => trainer.Fit(model, train, eval, cancellationToken), cancellationToken).ConfigureAwait(false);
        return new FinetuneJobResult(entry.Name, source.Description, data.Train.Classes, data.Train.Count, data.Eval.Count, trainable, total,
            result.Epochs.Count, result.Last.TrainLoss, result.Last.EvalAccuracy ?? double.NaN, clock.Elapsed.TotalSeconds, checkpoint, result.Epochs);
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
            if (source.Mean is { } m && source.Std is { } s && m.Count == spec.Channels) spec = spec with { Mean = m.ToArray(), Std = s.ToArray() };
            return (DataPipeline.Preprocessing(model, spec, spec.Height, augment), DataPipeline.Preprocessing(model, spec), spec.Mean, spec.Std);
        }
        if (model.InChannels != spec.Channels)
            throw new ArgumentException($"Dataset '{spec.Name}' has {spec.Channels}-channel images but {model.GetName()} takes {model.InChannels}.");
        // Image folders: the weights' own evaluation preset (ImageNet's for a plain file), the augmentation at its crop size.
        InferencePreset preset = source.Preset ?? (source.Mean is { Count: 3 } mean && source.Std is { Count: 3 } std
            ? new InferencePreset(InferencePreset.ImageNet.ResizeSize, InferencePreset.ImageNet.CropSize, Interpolation.Bilinear, mean, std)
            : InferencePreset.ImageNet);
        if (model.FixedInputSize is { } size && size.Height == size.Width && size.Height != preset.CropSize)
            preset = new InferencePreset(Math.Max(size.Height, size.Height * preset.ResizeSize / preset.CropSize), size.Height,
                preset.Interpolation, preset.Mean, preset.Std);   // keep the preset's resize/crop ratio at the model's input size
        ITransform train = Presets.Train(augment ?? "imagenet", preset.CropSize, preset.Mean, preset.Std);
        return (train, InferenceTransforms.FromPreset(preset), preset.Mean, preset.Std);
    }

    private static void Validate(FinetuneJobOptions o)
    {
        if (o.Epochs < 1) throw new ArgumentOutOfRangeException(nameof(o), o.Epochs, "Epochs must be >= 1.");
        if (o.BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(o), o.BatchSize, "BatchSize must be >= 1.");
        if (!(o.LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(o), o.LearningRate, "LearningRate must be > 0.");
        if (o.BackboneLearningRate is < 0) throw new ArgumentOutOfRangeException(nameof(o), o.BackboneLearningRate, "BackboneLearningRate must be >= 0.");
        if (o.Workers < 0) throw new ArgumentOutOfRangeException(nameof(o), o.Workers, "Workers must be >= 0.");
        if (o.Threads is < 1) throw new ArgumentOutOfRangeException(nameof(o), o.Threads, "Threads must be >= 1.");
    }
}
