using ModelZoo.Core.Preprocessing;

namespace ModelZoo.Data.Transforms;

/// <summary>
/// Turns a weights' evaluation preset (<see cref="InferencePreset"/>) into image transforms (torchvision's
/// <c>weights.transforms()</c>): resize the shorter side, center-crop (a crop larger than the image zero-pads around it),
/// scale to [0, 1], normalise.
/// </summary>
public static class PresetTransforms
{
    /// <summary>ImageBuffer → normalised float [C, crop, crop] as <paramref name="preset"/> describes.</summary>
    public static Compose FromPreset(InferencePreset preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
        return Presets.ImageNetEval(preset.ResizeSize, preset.CropSize, preset.Mean, preset.Std, preset.Interpolation);
    }

    /// <summary>ImageBuffer → normalised float [C, <paramref name="cropSize"/>, <paramref name="cropSize"/>]:
    /// Resize(<paramref name="resizeSize"/>, shorter side) → CenterCrop(<paramref name="cropSize"/>) → ToTensor → Normalize.</summary>
    /// <param name="interpolation">The resize filter by name, case-insensitive (torchvision's InterpolationMode values:
    /// nearest, bilinear, bicubic; also box, hamming, lanczos).</param>
    public static Compose FromPreset(int resizeSize, int cropSize, string interpolation, IReadOnlyList<double> mean, IReadOnlyList<double> std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (resizeSize < 1) throw new ArgumentOutOfRangeException(nameof(resizeSize), resizeSize, "The resize size must be positive.");
        return Presets.ImageNetEval(resizeSize, cropSize, mean, std, ParseInterpolation(interpolation));
    }

    /// <summary>No resizing or cropping: only scale to [0, 1] and normalise (the image must already have a size the
    /// model accepts).</summary>
    public static Compose ScaleAndNormalize(IReadOnlyList<double> mean, IReadOnlyList<double> std) =>
        new(new ToTensor(), new Normalize(mean, std));

    /// <summary>The <see cref="Interpolation"/> named <paramref name="name"/> (case-insensitive).</summary>
    public static Interpolation ParseInterpolation(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Enum.TryParse(name.Trim(), ignoreCase: true, out Interpolation mode) && Enum.IsDefined(mode)
            ? mode
            : throw new ArgumentException(
                $"Unknown interpolation '{name}'; expected one of: {string.Join(", ", Enum.GetNames<Interpolation>().Select(n => n.ToLowerInvariant()))}.",
                nameof(name));
    }
}
