using ModelZoo.Models.Weights;
using ModelZoo.Models.Weights.Loading;

namespace ModelZoo.Models.Pretrained;

/// <summary>
/// Builds models with weights loaded, like torchvision's builders with <c>weights=</c>:
/// <code>
/// using ImageClassifier model = PretrainedLoader.Create("resnet50", "IMAGENET1K_V2");     // catalog: cache or download
/// using ImageClassifier mine = PretrainedLoader.Create("resnet18", "runs/resnet18.pth");  // any torch.save state dict
/// </code>
/// Catalog weights imply options (NumClasses = their category count, 3 input channels); a conflicting option is an
/// <see cref="ArgumentException"/>. What else weights imply is the family's rule (<see cref="ModelEntry.WeightsRule"/>:
/// GoogLeNet's <c>TransformInput</c> and auxiliary heads). Loading is strict: every model key must be in the file and
/// vice versa, except the keys the family's rule skips. To fine-tune for other classes, load first, then replace the head.
/// </summary>
public static class PretrainedLoader
{
    /// <summary>Builds <paramref name="model"/> with <paramref name="weights"/>: a catalog name ("DEFAULT",
    /// "IMAGENET1K_V1", ...) or the path of a weights file.</summary>
    public static ImageClassifier Create(string model, string weights, PretrainedOptions? options = null) =>
        Load(model, weights, options).Model;

    /// <summary>Builds the model of a catalog entry with its weights (e.g. <c>TorchvisionWeights.ResNet50.ImageNet1kV2</c>).</summary>
    public static ImageClassifier Create(PretrainedWeights weights, PretrainedOptions? options = null) =>
        LoadAsync(weights, options).GetAwaiter().GetResult().Model;

    /// <summary>Like <see cref="Create(string, string, PretrainedOptions?)"/>, also returning the entry, file, load
    /// report, categories and preset.</summary>
    public static PretrainedModel Load(string model, string weights, PretrainedOptions? options = null,
        IProgress<WeightsDownloadProgress>? progress = null, CancellationToken cancellationToken = default) =>
        LoadAsync(model, weights, options, progress, cancellationToken).GetAwaiter().GetResult();

    /// <inheritdoc cref="Load(string, string, PretrainedOptions?, IProgress{WeightsDownloadProgress}?, CancellationToken)"/>
    public static Task<PretrainedModel> LoadAsync(string model, string weights, PretrainedOptions? options = null,
        IProgress<WeightsDownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentException.ThrowIfNullOrEmpty(weights);
        ModelEntry family = Zoo.Get(model);
        family.WeightsRule.Check(family, options ?? new PretrainedOptions());
        if (WeightsCatalog.TryGet(model, weights, out PretrainedWeights? entry))
            return LoadAsync(entry, options, progress, cancellationToken);
        if (File.Exists(weights)) return Task.FromResult(FromFile(model, weights, options));
        if (WeightsCatalog.LooksLikeWeightsName(weights) || WeightsCatalog.ForModel(model).Count > 0 && !LooksLikePath(weights))
            WeightsCatalog.Get(model, weights);   // throws, listing the model's weights names
        throw new FileNotFoundException(
            $"'{weights}' is neither a weights name of {model} nor an existing file ({Path.GetFullPath(weights)}). "
            + (WeightsCatalog.ForModel(model) is { Count: > 0 } names
                ? $"Weights names of {model}: DEFAULT, {string.Join(", ", names.Select(w => w.Name))}."
                : $"{model} has no published weights; pass a .pth file."), weights);
    }

    /// <summary>Builds the model of <paramref name="weights"/>, makes sure the file is cached (downloading it with
    /// <paramref name="progress"/> when needed) and loads it strictly.</summary>
    public static async Task<PretrainedModel> LoadAsync(PretrainedWeights weights, PretrainedOptions? options = null,
        IProgress<WeightsDownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(weights);
        options ??= new PretrainedOptions();
        ModelEntry entry = Zoo.Get(weights.Model);
        entry.WeightsRule.Check(entry, options);
        ModelOptions modelOptions = ImpliedOptions(weights, options.Model);
        string path = await new WeightsCache(options.Cache).EnsureAsync(weights, progress, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        using TensorDict state = WeightFile.ReadStateDict(path, options.StateDictKey);
        WeightsBuild build = entry.WeightsRule.Build(new WeightsBuildRequest(entry, modelOptions, options, weights, Shapes(state)));
        try
        {
            LoadResult result = StateDictLoader.Load(build.Model, state, options.Loading with { IgnoreKeys = [.. options.Loading.IgnoreKeys, .. build.IgnoreKeys] });
            return new PretrainedModel(build.Model, weights, path, result, weights.Categories, weights.Preset);
        }
        catch
        {
            build.Model.Dispose();
            throw;
        }
    }

    /// <summary>Builds <paramref name="model"/> and loads the state dict in <paramref name="path"/> strictly. An unset
    /// <c>NumClasses</c> is taken from the file's classifier; the family's rule decides the rest (GoogLeNet gets aux heads
    /// when the file has them).</summary>
    public static PretrainedModel FromFile(string model, string path, PretrainedOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        options ??= new PretrainedOptions();
        ModelEntry entry = Zoo.Get(model);
        entry.WeightsRule.Check(entry, options);
        using TensorDict state = WeightFile.ReadStateDict(path, options.StateDictKey);
        IReadOnlyDictionary<string, long[]> shapes = Shapes(state);
        WeightsBuild build = entry.WeightsRule.Build(new WeightsBuildRequest(entry, options.Model, options, null, shapes));
        try
        {
            if (options.Model.NumClasses is null && ClassifierRows(shapes, build.Model.ClassifierName) is { } rows && rows != build.Model.NumClasses)
            {
                build.Model.Dispose();
                build = entry.WeightsRule.Build(new WeightsBuildRequest(entry, options.Model with { NumClasses = rows }, options, null, shapes));
            }
            LoadResult result = StateDictLoader.Load(build.Model, state, options.Loading with { IgnoreKeys = [.. options.Loading.IgnoreKeys, .. build.IgnoreKeys] });
            return new PretrainedModel(build.Model, null, Path.GetFullPath(path), result, null, null);
        }
        catch
        {
            build.Model.Dispose();
            throw;
        }
    }

    /// <summary>The options a model for <paramref name="weights"/> is built with; throws on a conflicting option.</summary>
    public static ModelOptions ImpliedOptions(PretrainedWeights weights, ModelOptions? requested = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        requested ??= new ModelOptions();
        if (weights.NumClasses is { } n && requested.NumClasses is { } asked && asked != n)
            throw new ArgumentException(
                $"Weights {weights.Model} {weights.Name} have {n} classes, so NumClasses must be unset or {n}; got {asked}. "
                + $"To train {asked} classes, load the weights, then replace the head (model.ResetClassifier({asked}) or TransferLearning.ReplaceClassifier).",
                nameof(requested));
        if (requested.InChannels is { } c && c != 3)
            throw new ArgumentException(
                $"Weights {weights.Model} {weights.Name} take 3-channel RGB input, so InChannels must be unset or 3; got {c}.", nameof(requested));
        return requested with { NumClasses = weights.NumClasses ?? requested.NumClasses, InChannels = 3 };
    }

    /// <summary>Tensor shapes by key, a <c>module.</c> prefix (DataParallel) removed.</summary>
    private static Dictionary<string, long[]> Shapes(TensorDict state)
    {
        var shapes = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach ((string key, TorchSharp.torch.Tensor tensor) in state)
            shapes[key.StartsWith("module.", StringComparison.Ordinal) ? key["module.".Length..] : key] = tensor.shape;
        return shapes;
    }

    private static int? ClassifierRows(IReadOnlyDictionary<string, long[]> shapes, string classifierName) =>
        shapes.TryGetValue(classifierName + ".weight", out long[]? shape) && shape.Length == 2 ? (int)shape[0] : null;

    private static bool LooksLikePath(string text) =>
        text.Contains('/') || text.Contains('\\') || Path.HasExtension(text);
}
