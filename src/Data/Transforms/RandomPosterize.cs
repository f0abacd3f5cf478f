using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms.Functional;

namespace ModelZoo.Data.Transforms;

/// <summary>With probability <see cref="RandomApplyTransform.P"/> (default 0.5) keeps only the top <see cref="Bits"/> bits of each value (torchvision RandomPosterize).</summary>
public sealed class RandomPosterize(int bits, double p = 0.5) : RandomApplyTransform(p)
{
    public int Bits { get; } = bits is >= 0 and <= 8
        ? bits
        : throw new ArgumentOutOfRangeException(nameof(bits), bits, "Posterize bits must be between 0 and 8.");

    protected override ImageBuffer ApplyAlways(ImageBuffer input) => ToneOps.Posterize(input, Bits);

    public override string ToString() => $"RandomPosterize(bits={Bits}, p={P})";
}
