using ModelZoo.Core.Preprocessing;
using ModelZoo.Models.Pretrained;
using ModelZoo.Models.Weights.ModelZooFormat;

namespace ModelZoo.Models.Resolution;

/// <summary>
/// The one way from what a user names to a usable model, for every verb (predict, evaluate, finetune, and the CAM and
/// export verbs to come): a catalog weights name (<c>DEFAULT</c>, <c>IMAGENET1K_V1</c>, ...; cached or downloaded), a
/// state-dict file (.pth/.pt, safetensors, TorchSharp .dat; read without executing anything, loaded strictly) or a
/// ModelZoo checkpoint written by `modelzoo train` (rebuilt with the options it records). The result carries the model,
/// its preprocessing and its labels:
/// <code>
/// using ResolvedModel resnet = ModelResolver.Resolve("resnet50", "IMAGENET1K_V2");   // resnet.Preprocessing: resize 232, crop 224
/// using ResolvedModel mine = ModelResolver.Resolve("lenet5", "runs/lenet5-mnist.ckpt");  // mine.Labels: "0 - zero", ...
/// </code>
/// A name that is neither a weights name of the model nor an existing file is a one-line error listing the model's
/// weights names (<see cref="KeyNotFoundException"/> for a weights-like name, else <see cref="FileNotFoundException"/>).
/// </summary>
public static class ModelResolver
{
    /// <summary>Resolves <paramref name="weights"/> for <paramref name="model"/> with default options.</summary>
    public static ResolvedModel Resolve(string model, string weights) => Resolve(model, weights, new ResolveOptions());

    /// <summary>Resolves <paramref name="weights"/> for <paramref name="model"/>; catalog files missing from the cache are
    /// downloaded with <paramref name="progress"/>.</summary>
    public static ResolvedModel Resolve(string model, string weights, ResolveOptions options,
        IProgress<WeightsDownloadProgress>? progress = null, CancellationToken cancellationToken = default) =>
        ResolveAsync(model, weights, options, progress, cancellationToken).GetAwaiter().GetResult();

    /// <inheritdoc cref="Resolve(string, string, ResolveOptions, IProgress{WeightsDownloadProgress}?, CancellationToken)"/>
    public static async Task<ResolvedModel> ResolveAsync(string model, string weights, ResolveOptions? options = null,
        IProgress<WeightsDownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentException.ThrowIfNullOrEmpty(weights);
        options ??= new ResolveOptions();
        ModelEntry entry = Zoo.Get(model);
        if (ModelZooCheckpoint.IsCheckpoint(weights)) return FromCheckpoint(entry, weights);

        var pretrained = new PretrainedOptions
        {
            Model = options.Model, AuxLogits = options.AuxLogits, TransformInput = options.TransformInput,
            StateDictKey = options.StateDictKey, Cache = options.Cache, Loading = options.Loading,
        };
        if (!WeightsCatalog.TryGet(entry.Name, weights, out _) && options.Input is { } input)
            pretrained = pretrained with { Model = entry.OptionsFor(input, options.Model) };   // a plain file: the data shapes the model
        PretrainedModel loaded = await PretrainedLoader.LoadAsync(entry.Name, weights, pretrained, progress, cancellationToken).ConfigureAwait(false);
        ImageClassifier net = loaded.Model;
        return new ResolvedModel
        {
            Model = net,
            ModelName = entry.Name,
            Source = loaded.Weights is null ? WeightsSource.File : WeightsSource.Catalog,
            File = loaded.File,
            Options = pretrained.Model with
            {
                NumClasses = net.NumClasses, InChannels = net.InChannels,
                InputSize = pretrained.Model.InputSize ?? net.FixedInputSize?.Height,
            },
            Preprocessing = loaded.Preset ?? InferencePreset.ImageNet,
            PreprocessingKnown = loaded.Preset is not null,
            Labels = loaded.Categories ?? (net.NumClasses == ImageNetCategories.All.Count ? ImageNetCategories.All : null),
            Catalog = loaded.Weights,
            LoadResult = loaded.LoadResult,
        };
    }

    private static ResolvedModel FromCheckpoint(ModelEntry entry, string path)
    {
        (ImageClassifier model, ModelCheckpointInfo info) = ModelZooCheckpoint.Load(path);
        try
        {
            if (!string.Equals(info.Model, entry.Name, StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"Checkpoint {path} holds model '{info.Model}', not '{entry.Name}'.");
            return new ResolvedModel
            {
                Model = model,
                ModelName = entry.Name,
                Source = WeightsSource.Checkpoint,
                File = Path.GetFullPath(path),
                Options = info.Options,
                Preprocessing = CheckpointPreprocessing.For(model, entry, info),
                PreprocessingKnown = true,
                Labels = info.Classes,
                Checkpoint = info,
            };
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }
}
