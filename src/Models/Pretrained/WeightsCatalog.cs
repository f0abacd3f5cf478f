namespace ModelZoo.Models.Pretrained;

/// <summary>
/// Looks up <see cref="PretrainedWeights"/> by model and weights name, like torchvision's <c>get_weight</c> /
/// <c>get_model_weights</c>: <c>WeightsCatalog.Get("resnet50", "IMAGENET1K_V2")</c>, <c>"DEFAULT"</c> for
/// torchvision's default, or the qualified <c>"ResNet50_Weights.IMAGENET1K_V2"</c>. Names are case-insensitive.
/// </summary>
public static class WeightsCatalog
{
    /// <summary>The alias of each model's default weights.</summary>
    public const string DefaultName = "DEFAULT";

    private static readonly Lazy<IReadOnlyList<PretrainedWeights>> s_all = new(() => TorchvisionWeights.Enumerate().ToArray());

    /// <summary>Every entry, in catalog order.</summary>
    public static IReadOnlyList<PretrainedWeights> All => s_all.Value;

    /// <summary>Names of the models that have published weights.</summary>
    public static IReadOnlyList<string> Models => All.Select(w => w.Model).Distinct().ToArray();

    /// <summary>The weights of <paramref name="model"/> (empty when none are published).</summary>
    public static IReadOnlyList<PretrainedWeights> ForModel(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return All.Where(w => string.Equals(w.Model, model, StringComparison.OrdinalIgnoreCase)).ToArray();
    }

    /// <summary>torchvision's DEFAULT weights of <paramref name="model"/>.</summary>
    public static PretrainedWeights Default(string model) => Get(model, DefaultName);

    /// <summary>The entry named <paramref name="weights"/> of <paramref name="model"/>; throws
    /// <see cref="KeyNotFoundException"/> listing the available names.</summary>
    public static PretrainedWeights Get(string model, string weights = DefaultName) =>
        TryGet(model, weights, out PretrainedWeights? entry) ? entry : throw NotFound(model, weights);

    /// <summary>Looks up an entry without throwing.</summary>
    public static bool TryGet(string model, string weights, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PretrainedWeights? entry)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(weights);
        IReadOnlyList<PretrainedWeights> candidates = ForModel(model);
        string name = weights.Trim();
        int dot = name.LastIndexOf('.');
        if (dot >= 0)
        {
            string enumName = name[..dot];
            name = name[(dot + 1)..];
            candidates = candidates.Where(w => w.TorchvisionName.StartsWith(enumName + ".", StringComparison.OrdinalIgnoreCase)).ToArray();
        }
        entry = string.Equals(name, DefaultName, StringComparison.OrdinalIgnoreCase)
            ? candidates.FirstOrDefault(w => w.IsDefault)
            : candidates.FirstOrDefault(w => string.Equals(w.Name, name, StringComparison.OrdinalIgnoreCase));
        return entry is not null;
    }

    /// <summary>True when <paramref name="text"/> looks like a weights name ("DEFAULT", "IMAGENET1K_V1",
    /// "ResNet50_Weights.IMAGENET1K_V2") rather than a file path.</summary>
    public static bool LooksLikeWeightsName(string text) =>
        !string.IsNullOrWhiteSpace(text)
        && (string.Equals(text, DefaultName, StringComparison.OrdinalIgnoreCase)
            || All.Any(w => string.Equals(w.Name, text, StringComparison.OrdinalIgnoreCase)
                         || string.Equals(w.TorchvisionName, text, StringComparison.OrdinalIgnoreCase)));

    private static KeyNotFoundException NotFound(string model, string weights)
    {
        IReadOnlyList<PretrainedWeights> available = ForModel(model);
        if (available.Count == 0)
            return new KeyNotFoundException(
                $"No published weights for model '{model}'. Models with weights: {string.Join(", ", Models)}. "
                + "Pass a weights file path instead.");
        return new KeyNotFoundException(
            $"Model '{model}' has no weights named '{weights}'. Available: {DefaultName} (= {available.First(w => w.IsDefault).Name}), "
            + $"{string.Join(", ", available.Select(w => w.Name))}.");
    }
}
