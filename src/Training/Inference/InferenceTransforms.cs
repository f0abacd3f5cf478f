using ModelZoo.Core.Preprocessing;

namespace ModelZoo.Training.Inference;

/// <summary>Turns a weights' <see cref="InferencePreset"/> into image transforms (ImageBuffer → normalised float [C, H, W])
/// through <see cref="PresetTransforms"/>, the data library's one implementation (which code without ModelZoo.Training,
/// such as the CLI's predict, calls directly).</summary>
public static class InferenceTransforms
{
    /// <summary>The preset's evaluation transform: resize the shorter side, center-crop, scale to [0, 1], normalise.</summary>
    public static ITransform FromPreset(InferencePreset preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
        return PresetTransforms.FromPreset(preset);
    }

    /// <summary>No resizing or cropping: only scale to [0, 1] and normalise (the image must already have a size the
    /// model accepts).</summary>
    public static ITransform ScaleAndNormalize(IReadOnlyList<double> mean, IReadOnlyList<double> std) => PresetTransforms.ScaleAndNormalize(mean, std);
}
