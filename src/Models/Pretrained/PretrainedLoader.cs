using ModelZoo.Models.GoogLeNets;
using ModelZoo.Models.Weights;
using ModelZoo.Models.Weights.Loading;

namespace ModelZoo.Models.Pretrained;

/// <summary>
/// Builds models with weights loaded, like torchvision's builders with <c>weights=</c>:
/// <code>
/// using ImageClassifier model = PretrainedLoader.Create("resnet50", "IMAGENET1K_V2");     // catalog: cache or download
/// using ImageClassifier mine = PretrainedLoader.Create("resnet18", "runs/resnet18.pth");  // any torch.save state dict
/// </code>
/// Catalog weights imply options (NumClasses = their category count, 3 input channels, GoogLeNet's
/// <c>TransformInput</c>); a conflicting option is an <see cref="ArgumentException"/>. Loading is strict: every
/// model key must be in the file and vice versa (GoogLeNet's untrained aux heads excepted, see
/// <see cref="PretrainedOptions.AuxLogits"/>). To fine-tune for other classes, load first, then replace the head.
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
        CheckGoogLeNetOnly(model, options ?? new PretrainedOptions());
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
        CheckGoogLeNetOnly(weights.Model, options);
        ModelOptions modelOptions = ImpliedOptions(weights, options.Model);
        string path = await new WeightsCache(options.Cache).EnsureAsync(weights, progress, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        using TensorDict state = WeightFile.ReadStateDict(path, options.StateDictKey);
        bool googLeNet = IsGoogLeNet(weights.Model);
        ImageClassifier model = Build(weights.Model, modelOptions, options.AuxLogits, options.TransformInput ?? true);
        try
        {
            var load = new LoadOptions { IgnoreKeys = googLeNet && !options.AuxLogits ? ["aux1", "aux2"] : [] };
            LoadResult result = StateDictLoader.Load(model, state, load);
            return new PretrainedModel(model, weights, path, result, weights.Categories, weights.Preset);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Builds <paramref name="model"/> and loads the state dict in <paramref name="path"/> strictly. An unset
    /// <c>NumClasses</c> is taken from the file's classifier; GoogLeNet gets aux heads when the file has them.</summary>
    public static PretrainedModel FromFile(string model, string path, PretrainedOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        options ??= new PretrainedOptions();
        ModelEntry entry = Zoo.Get(model);
        CheckGoogLeNetOnly(entry.Name, options);
        if (WeightsImporters.Find(path) is { } importer)   // e.g. ONNX graphs (ModelZoo.Onnx registers it)
        {
            ImportedWeights imported = importer.Import(path, classes =>
                Build(entry.Name, options.Model with { NumClasses = options.Model.NumClasses ?? classes }, false, options.TransformInput ?? false));
            return new PretrainedModel(imported.Model, null, Path.GetFullPath(path), imported.Result, imported.Categories, imported.Preset);
        }
        using TensorDict state = WeightFile.ReadStateDict(path, options.StateDictKey);
        bool aux = IsGoogLeNet(entry.Name) && state.Keys.Any(k => StripModule(k).StartsWith("aux1.", StringComparison.Ordinal));
        bool transform = options.TransformInput ?? false;
        ImageClassifier net = Build(entry.Name, options.Model, aux, transform);
        try
        {
            if (options.Model.NumClasses is null && ClassifierRows(state, net.ClassifierName) is { } rows && rows != net.NumClasses)
            {
                net.Dispose();
                net = Build(entry.Name, options.Model with { NumClasses = rows }, aux, transform);
            }
            LoadResult result = StateDictLoader.Load(net, state);
            return new PretrainedModel(net, null, Path.GetFullPath(path), result, null, null);
        }
        catch
        {
            net.Dispose();
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

    private static ImageClassifier Build(string model, ModelOptions options, bool auxLogits, bool transformInput)
    {
        if (!IsGoogLeNet(model)) return Zoo.Get(model).Build(options);
        var defaults = new GoogLeNetOptions();
        if (options.InputSize is not null)
            throw new ArgumentException("GoogLeNet takes any input size >= 15; leave ModelOptions.InputSize unset.", nameof(options));
        return GoogLeNetBuilders.GoogLeNet(new GoogLeNetOptions
        {
            NumClasses = options.NumClasses ?? defaults.NumClasses,
            InChannels = options.InChannels ?? defaults.InChannels,
            Dropout = options.Dropout ?? defaults.Dropout,
            AuxLogits = auxLogits,
            TransformInput = transformInput,
            InitWeights = false,   // every tensor is overwritten by the file (torchvision skips the init too)
        }, options.Seed);
    }

    private static void CheckGoogLeNetOnly(string model, PretrainedOptions options)
    {
        if (!IsGoogLeNet(model) && (options.AuxLogits || options.TransformInput is not null))
            throw new ArgumentException(
                $"PretrainedOptions.AuxLogits and TransformInput apply to googlenet only; {model} has neither.", nameof(options));
    }

    private static bool IsGoogLeNet(string model) => string.Equals(model, "googlenet", StringComparison.OrdinalIgnoreCase);

    private static string StripModule(string key) => key.StartsWith("module.", StringComparison.Ordinal) ? key["module.".Length..] : key;

    private static int? ClassifierRows(TensorDict state, string classifierName)
    {
        string key = classifierName + ".weight";
        foreach ((string k, TorchSharp.torch.Tensor t) in state)
            if (StripModule(k) == key && t.dim() == 2) return (int)t.shape[0];
        return null;
    }

    private static bool LooksLikePath(string text) =>
        text.Contains('/') || text.Contains('\\') || Path.HasExtension(text);
}
