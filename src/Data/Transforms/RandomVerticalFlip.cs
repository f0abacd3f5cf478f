using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms.Functional;

namespace ModelZoo.Data.Transforms;

/// <summary>Mirrors the image top ↔ bottom with probability <see cref="P"/> (default 0.5; torchvision RandomVerticalFlip).</summary>
public sealed class RandomVerticalFlip : Transform<ImageBuffer, ImageBuffer>
{
    public RandomVerticalFlip(double p = 0.5) => P = Check.Probability(p);

    public double P { get; }

    /// <summary>Whether this sample is flipped.</summary>
    public bool MakeParams(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return RandomDraw.Chance(random, P);
    }

    public override ImageBuffer Apply(ImageBuffer input, Random random) => MakeParams(random) ? GeometryOps.FlipVertical(input) : input;

    public override string ToString() => $"RandomVerticalFlip(p={P})";
}
