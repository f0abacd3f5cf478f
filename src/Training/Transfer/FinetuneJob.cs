using System.Diagnostics;
using ModelZoo.Data;
using ModelZoo.Data.Loading;
using ModelZoo.Data.Transforms;
using ModelZoo.Models;
using ModelZoo.Models.Pretrained;
using ModelZoo.Models.Transfer;
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

        (ITransform trainTransform, ITransform evalTransform, IReadOnlyList<double> mean, IReadOnlyList<double> std) = Transforms(model, data, source);
        DataLoader train = new(data.Train, trainTransform, new DataLoaderOptions { BatchSize = options.BatchSize, Shuffle = true, Seed = options.Seed });
        DataLoader eval = new(data.Eval, evalTransform, new DataLoaderOptions { BatchSize = Math.Max(options.BatchSize, 64) });

        double headLr = options.LearningRate, backboneLr = options.BackboneLearningRate ?? options.LearningRate / 10;
        string checkpoint = Path.GetFullPath(Path.Combine(options.OutputDirectory, $"{entry.Name}-finetuned.ckpt"));
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
        ImageClassifier model, FinetuneData data, FinetuneSource source)
    {
        if (data.Spec is { } spec)
        {
            // Fixed-size catalog data (MNIST family, synthetic): pad to the model's input, normalise with the statistics
            // the weights were trained with when known, else the dataset's.
            DatasetSpec used = source.Mean is { } m && source.Std is { } s && m.Count == spec.Channels
                ? spec with { Mean = m.ToArray(), Std = s.ToArray() }
                : spec;
            ITransform t = DataPipeline.Preprocessing(model, used);
            return (t, t, used.Mean, used.Std);
        }
        if (model.InChannels != 3)
            throw new ArgumentException($"ImageFolder images are RGB but {model.GetName()} takes {model.InChannels} channel(s).");
        InferencePreset preset = source.Preset ?? (source.Mean is { Count: 3 } mean && source.Std is { Count: 3 } std
            ? new InferencePreset(InferencePreset.ImageNet.ResizeSize, InferencePreset.ImageNet.CropSize, ResizeInterpolation.Bilinear, mean, std)
            : InferencePreset.ImageNet);
        ITransform train = Presets.Train("basic", preset.CropSize, preset.Mean, preset.Std);
        return (train, InferenceTransforms.FromPreset(preset), preset.Mean, preset.Std);
    }

    private static void Validate(FinetuneJobOptions o)
    {
        if (o.Epochs < 1) throw new ArgumentOutOfRangeException(nameof(o), o.Epochs, "Epochs must be >= 1.");
        if (o.BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(o), o.BatchSize, "BatchSize must be >= 1.");
        if (!(o.LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(o), o.LearningRate, "LearningRate must be > 0.");
        if (o.BackboneLearningRate is < 0) throw new ArgumentOutOfRangeException(nameof(o), o.BackboneLearningRate, "BackboneLearningRate must be >= 0.");
        if (o.Threads is < 1) throw new ArgumentOutOfRangeException(nameof(o), o.Threads, "Threads must be >= 1.");
    }
}
