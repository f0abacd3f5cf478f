namespace ModelZoo.Models;

/// <summary>Describes one feature stage of a backbone, as timm's <c>feature_info</c>:
/// the module path that produces it, its channel count and its stride relative to the input.</summary>
public sealed record FeatureInfo(string Module, int Channels, int Reduction);
