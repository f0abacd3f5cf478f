namespace ModelZoo.Cam;

/// <summary>Options of every CAM method, with documented defaults.</summary>
public sealed record CamOptions
{
    /// <summary>Module paths whose outputs are explained ("layer4", "features.28", "inception5b", "layer3.1.conv2").
    /// Several layers are each turned into a normalised map at the input size and averaged. Null or empty (default): the
    /// model's last feature stage (<c>FeatureInfo[^1].Module</c>, e.g. "layer4" for a ResNet).</summary>
    public IReadOnlyList<string>? TargetLayers { get; init; }

    /// <summary>Score-CAM: masked images per forward pass (default 32). Larger is faster and needs more memory.</summary>
    public int ScoreCamBatchSize { get; init; } = 32;

    internal void Validate()
    {
        if (ScoreCamBatchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(ScoreCamBatchSize), ScoreCamBatchSize, "ScoreCamBatchSize must be >= 1.");
        if (TargetLayers is not null)
        {
            if (TargetLayers.Any(string.IsNullOrWhiteSpace))
                throw new ArgumentException("A target layer path is empty; name modules such as \"layer4\" or \"features.28\".", nameof(TargetLayers));
            if (TargetLayers.Distinct(StringComparer.Ordinal).Count() != TargetLayers.Count)
                throw new ArgumentException($"Target layers repeat: {string.Join(", ", TargetLayers)}.", nameof(TargetLayers));
        }
    }
}
