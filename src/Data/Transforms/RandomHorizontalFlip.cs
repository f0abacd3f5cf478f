using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms.Functional;

namespace ModelZoo.Data.Transforms;

/// <summary>Mirrors the image left ↔ right with probability <see cref="P"/> (default 0.5; torchvision RandomHorizontalFlip).</summary>
public sealed class RandomHorizontalFlip : Transform<ImageBuffer, ImageBuffer>
{
    public RandomHorizontalFlip(double p = 0.5) => P = Check.Probability(p);

    public double P { get; }

    /// <summary>Whether this sample is flipped.</summary>
    public bool MakeParams(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return RandomDraw.Chance(random, P);
    }

    public override ImageBuffer Apply(ImageBuffer input, Random random) => MakeParams(random) ? GeometryOps.FlipHorizontal(input) : input;

    public override string ToString() => $"RandomHorizontalFlip(p={P})";
}
