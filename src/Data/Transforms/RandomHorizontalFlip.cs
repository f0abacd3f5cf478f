using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms.Functional;

namespace ModelZoo.Data.Transforms;

/// <summary>Mirrors the image left ↔ right with probability <see cref="RandomApplyTransform.P"/> (default 0.5; torchvision RandomHorizontalFlip).</summary>
public sealed class RandomHorizontalFlip(double p = 0.5) : RandomApplyTransform(p)
{
    protected override ImageBuffer ApplyAlways(ImageBuffer input) => GeometryOps.FlipHorizontal(input);
}
