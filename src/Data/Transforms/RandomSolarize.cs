using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms.Functional;

namespace ModelZoo.Data.Transforms;

/// <summary>With probability <see cref="RandomApplyTransform.P"/> (default 0.5) inverts every value at or above <see cref="Threshold"/> (torchvision RandomSolarize).</summary>
public sealed class RandomSolarize(double threshold, double p = 0.5) : RandomApplyTransform(p)
{
    public double Threshold { get; } = !double.IsNaN(threshold)
        ? threshold
        : throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "Solarize threshold must be a number.");

    protected override ImageBuffer ApplyAlways(ImageBuffer input) => ToneOps.Solarize(input, Threshold);

    public override string ToString() => $"RandomSolarize(threshold={Threshold}, p={P})";
}
