using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms.Functional;

namespace ModelZoo.Data.Transforms;

/// <summary>With probability <see cref="RandomApplyTransform.P"/> (default 0.5) stretches each channel to the full range (torchvision RandomAutocontrast).</summary>
public sealed class RandomAutocontrast(double p = 0.5) : RandomApplyTransform(p)
{
    protected override ImageBuffer ApplyAlways(ImageBuffer input) => ToneOps.Autocontrast(input);
}
