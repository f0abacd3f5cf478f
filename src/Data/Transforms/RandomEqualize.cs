using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms.Functional;

namespace ModelZoo.Data.Transforms;

/// <summary>With probability <see cref="RandomApplyTransform.P"/> (default 0.5) equalises each channel's histogram (torchvision RandomEqualize).</summary>
public sealed class RandomEqualize(double p = 0.5) : RandomApplyTransform(p)
{
    protected override ImageBuffer ApplyAlways(ImageBuffer input) => ToneOps.Equalize(input);
}
