using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms.Functional;

namespace ModelZoo.Data.Transforms;

/// <summary>With probability <see cref="P"/> (default 0.5) keeps only the top <see cref="Bits"/> bits of each value (torchvision RandomPosterize).</summary>
public sealed class RandomPosterize : Transform<ImageBuffer, ImageBuffer>
{
    public RandomPosterize(int bits, double p = 0.5)
    {
        if (bits is < 0 or > 8) throw new ArgumentOutOfRangeException(nameof(bits), bits, "Posterize bits must be between 0 and 8.");
        Bits = bits;
        P = Check.Probability(p);
    }

    public int Bits { get; }

    public double P { get; }

    /// <summary>Whether this sample is transformed.</summary>
    public bool MakeParams(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return RandomDraw.Chance(random, P);
    }

    public override ImageBuffer Apply(ImageBuffer input, Random random) => MakeParams(random) ? ToneOps.Posterize(input, Bits) : input;

    public override string ToString() => $"RandomPosterize(bits={Bits}, p={P})";
}
