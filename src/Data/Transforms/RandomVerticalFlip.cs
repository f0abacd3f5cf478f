using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms.Functional;

namespace ModelZoo.Data.Transforms;

/// <summary>Mirrors the image top ↔ bottom with probability <see cref="RandomApplyTransform.P"/> (default 0.5; torchvision RandomVerticalFlip).</summary>
public sealed class RandomVerticalFlip(double p = 0.5) : RandomApplyTransform(p)
{
    protected override ImageBuffer ApplyAlways(ImageBuffer input) => GeometryOps.FlipVertical(input);
}
