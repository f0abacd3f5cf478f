using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms.Functional;

namespace ModelZoo.Data.Transforms;

/// <summary>With probability <see cref="P"/> (default 0.5) inverts every value at or above <see cref="Threshold"/> (torchvision RandomSolarize).</summary>
public sealed class RandomSolarize : Transform<ImageBuffer, ImageBuffer>
{
    public RandomSolarize(double threshold, double p = 0.5)
    {
        if (double.IsNaN(threshold)) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "Solarize threshold must be a number.");
        Threshold = threshold;
        P = Check.Probability(p);
    }

    public double Threshold { get; }

    public double P { get; }

    /// <summary>Whether this sample is transformed.</summary>
    public bool MakeParams(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return RandomDraw.Chance(random, P);
    }

    public override ImageBuffer Apply(ImageBuffer input, Random random) => MakeParams(random) ? ToneOps.Solarize(input, Threshold) : input;

    public override string ToString() => $"RandomSolarize(threshold={Threshold}, p={P})";
}
