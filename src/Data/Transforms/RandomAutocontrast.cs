using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms.Functional;

namespace ModelZoo.Data.Transforms;

/// <summary>With probability <see cref="P"/> (default 0.5) stretches each channel to the full range (torchvision RandomAutocontrast).</summary>
public sealed class RandomAutocontrast : Transform<ImageBuffer, ImageBuffer>
{
    public RandomAutocontrast(double p = 0.5)
    {
        P = Check.Probability(p);
    }

    public double P { get; }

    /// <summary>Whether this sample is transformed.</summary>
    public bool MakeParams(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return RandomDraw.Chance(random, P);
    }

    public override ImageBuffer Apply(ImageBuffer input, Random random) => MakeParams(random) ? ToneOps.Autocontrast(input) : input;

    public override string ToString() => $"RandomAutocontrast(p={P})";
}
