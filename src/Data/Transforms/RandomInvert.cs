using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms.Functional;

namespace ModelZoo.Data.Transforms;

/// <summary>With probability <see cref="RandomApplyTransform.P"/> (default 0.5) inverts the colours (255 − v; torchvision RandomInvert).</summary>
public sealed class RandomInvert(double p = 0.5) : RandomApplyTransform(p)
{
    protected override ImageBuffer ApplyAlways(ImageBuffer input) => ToneOps.Invert(input);
}
