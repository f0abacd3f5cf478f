using ModelZoo.Core.Preprocessing;
using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms.Functional;

namespace ModelZoo.Data.Transforms;

/// <summary>
/// TrivialAugment Wide (torchvision TrivialAugmentWide): one op drawn uniformly from the same 14 as RandAugment, at a
/// magnitude drawn uniformly from its <see cref="NumMagnitudeBins"/> (default 31) wide-range bins, random sign where
/// signed.
/// </summary>
public sealed class TrivialAugmentWide : Transform<ImageBuffer, ImageBuffer>
{
    public TrivialAugmentWide(int numMagnitudeBins = 31, Interpolation interpolation = Interpolation.Nearest, byte[]? fill = null)
    {
        if (numMagnitudeBins < 2) throw new ArgumentOutOfRangeException(nameof(numMagnitudeBins), numMagnitudeBins, "numMagnitudeBins must be at least 2.");
        NumMagnitudeBins = numMagnitudeBins;
        Interpolation = Check.WarpInterpolation(interpolation, nameof(TrivialAugmentWide));
        Fill = fill;
    }

    public int NumMagnitudeBins { get; }
    public Interpolation Interpolation { get; }
    public byte[]? Fill { get; }

    /// <summary>The op and its signed magnitude.</summary>
    public readonly record struct Params(AugmentOp Op, double Magnitude);

    public Params MakeParams(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        AugmentOp op = RandAugment.Space[random.Next(RandAugment.Space.Length)];
        (double[] bins, bool signed) = AugmentOps.TrivialAugmentSpace(op, NumMagnitudeBins);
        double magnitude = bins.Length > 0 ? bins[random.Next(bins.Length)] : 0.0;
        if (signed && random.Next(2) == 1) magnitude = -magnitude;
        return new Params(op, magnitude);
    }

    public ImageBuffer Apply(ImageBuffer input, Params p) => AugmentOps.Apply(input, p.Op, p.Magnitude, Interpolation, Fill);

    public override ImageBuffer Apply(ImageBuffer input, Random random) => Apply(input, MakeParams(random));

    public override string ToString() => $"TrivialAugmentWide(num_magnitude_bins={NumMagnitudeBins}, {Interpolation})";
}
