using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms.Functional;

namespace ModelZoo.Data.Transforms;

/// <summary>With probability <see cref="P"/> (default 0.5) adjusts sharpness by <see cref="SharpnessFactor"/> (0 blurred, 1 unchanged, 2 sharper; torchvision RandomAdjustSharpness).</summary>
public sealed class RandomAdjustSharpness : Transform<ImageBuffer, ImageBuffer>
{
    public RandomAdjustSharpness(double sharpnessFactor, double p = 0.5)
    {
        if (!(sharpnessFactor >= 0) || double.IsInfinity(sharpnessFactor))
            throw new ArgumentOutOfRangeException(nameof(sharpnessFactor), sharpnessFactor, "Sharpness factor must be a non-negative number.");
        SharpnessFactor = sharpnessFactor;
        P = Check.Probability(p);
    }

    public double SharpnessFactor { get; }

    public double P { get; }

    /// <summary>Whether this sample is transformed.</summary>
    public bool MakeParams(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return RandomDraw.Chance(random, P);
    }

    public override ImageBuffer Apply(ImageBuffer input, Random random) => MakeParams(random) ? FilterOps.AdjustSharpness(input, SharpnessFactor) : input;

    public override string ToString() => $"RandomAdjustSharpness(sharpness_factor={SharpnessFactor}, p={P})";
}
