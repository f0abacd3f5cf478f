using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms.Functional;

namespace ModelZoo.Data.Transforms;

/// <summary>With probability <see cref="RandomApplyTransform.P"/> (default 0.5) adjusts sharpness by <see cref="SharpnessFactor"/> (0 blurred, 1 unchanged, 2 sharper; torchvision RandomAdjustSharpness).</summary>
public sealed class RandomAdjustSharpness(double sharpnessFactor, double p = 0.5) : RandomApplyTransform(p)
{
    public double SharpnessFactor { get; } = sharpnessFactor >= 0 && !double.IsInfinity(sharpnessFactor)
        ? sharpnessFactor
        : throw new ArgumentOutOfRangeException(nameof(sharpnessFactor), sharpnessFactor, "Sharpness factor must be a non-negative number.");

    protected override ImageBuffer ApplyAlways(ImageBuffer input) => FilterOps.AdjustSharpness(input, SharpnessFactor);

    public override string ToString() => $"RandomAdjustSharpness(sharpness_factor={SharpnessFactor}, p={P})";
}
