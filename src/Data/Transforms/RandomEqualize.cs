using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms.Functional;

namespace ModelZoo.Data.Transforms;

/// <summary>With probability <see cref="P"/> (default 0.5) equalises each channel's histogram (torchvision RandomEqualize).</summary>
public sealed class RandomEqualize : Transform<ImageBuffer, ImageBuffer>
{
    public RandomEqualize(double p = 0.5)
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

    public override ImageBuffer Apply(ImageBuffer input, Random random) => MakeParams(random) ? ToneOps.Equalize(input) : input;

    public override string ToString() => $"RandomEqualize(p={P})";
}
