namespace ModelZoo.Core.Preprocessing;

/// <summary>
/// The evaluation preprocessing a set of weights expects (torchvision's <c>ImageClassification</c> preset, read from
/// <c>weights.transforms()</c>): resize the shorter side to <see cref="ResizeSize"/> with <see cref="Interpolation"/>,
/// center-crop <see cref="CropSize"/> × <see cref="CropSize"/>, scale to [0, 1], normalise with
/// <see cref="Mean"/> and <see cref="Std"/> per channel. A crop larger than the resized image zero-pads around it, as
/// torchvision's CenterCrop does (how a checkpoint trained on 28×28 digits padded to a 32×32 model is described). The
/// model library only describes it; ModelZoo.Data's <c>PresetTransforms.FromPreset</c> turns it into image transforms.
/// </summary>
public sealed record InferencePreset
{
    public InferencePreset(int resizeSize, int cropSize, Interpolation interpolation, IReadOnlyList<double> mean, IReadOnlyList<double> std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (cropSize < 1) throw new ArgumentOutOfRangeException(nameof(cropSize), cropSize, "The crop size must be >= 1.");
        if (resizeSize < 1) throw new ArgumentOutOfRangeException(nameof(resizeSize), resizeSize, "The resize size must be >= 1.");
        if (mean.Count == 0 || mean.Count != std.Count)
            throw new ArgumentException($"One mean and one std per channel are needed; got {mean.Count} means and {std.Count} stds.", nameof(std));
        if (std.Any(s => !(s > 0)))
            throw new ArgumentException("Every std must be > 0.", nameof(std));
        if (!Enum.IsDefined(interpolation))
            throw new ArgumentOutOfRangeException(nameof(interpolation), interpolation, $"Expected one of: {string.Join(", ", Enum.GetNames<Interpolation>())}.");
        ResizeSize = resizeSize;
        CropSize = cropSize;
        Interpolation = interpolation;
        Mean = mean.ToArray();
        Std = std.ToArray();
    }

    /// <summary>Target length of the shorter image side before cropping (e.g. 256, or 232 for ResNet-50 V2).</summary>
    public int ResizeSize { get; }

    /// <summary>Side of the square center crop fed to the model (e.g. 224); larger than <see cref="ResizeSize"/> pads.</summary>
    public int CropSize { get; }

    /// <summary>The resampling filter of the resize.</summary>
    public Interpolation Interpolation { get; }

    /// <summary>Per-channel mean subtracted after scaling pixels to [0, 1].</summary>
    public IReadOnlyList<double> Mean { get; }

    /// <summary>Per-channel standard deviation divided by after subtracting <see cref="Mean"/>.</summary>
    public IReadOnlyList<double> Std { get; }

    /// <summary>ImageNet's classic preset: resize 256 (bilinear), crop 224, <see cref="DatasetStatistics.ImageNetMean"/>
    /// and <see cref="DatasetStatistics.ImageNetStd"/>. The default for a weights file that is not in the catalog.</summary>
    public static InferencePreset ImageNet { get; } =
        new(256, 224, Interpolation.Bilinear, DatasetStatistics.ImageNetMean, DatasetStatistics.ImageNetStd);

    public override string ToString() => FormattableString.Invariant(
        $"resize {ResizeSize} ({Interpolation.ToString().ToLowerInvariant()}), crop {CropSize}, mean [{string.Join(", ", Mean)}], std [{string.Join(", ", Std)}]");
}
