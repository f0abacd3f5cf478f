using ModelZoo.Core.Preprocessing;
using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms.Functional;

namespace ModelZoo.Data.Transforms;

/// <summary>
/// RandAugment (torchvision RandAugment): <see cref="NumOps"/> ops (default 2) drawn uniformly from 14 (identity,
/// shears, translations, rotation, brightness, colour, contrast, sharpness, posterize, solarize, autocontrast,
/// equalize), all at magnitude bin <see cref="Magnitude"/> (default 9) of <see cref="NumMagnitudeBins"/> (31), with
/// random sign where signed.
/// </summary>
public sealed class RandAugment : Transform<ImageBuffer, ImageBuffer>
{
    internal static readonly AugmentOp[] Space =
    {
        AugmentOp.Identity, AugmentOp.ShearX, AugmentOp.ShearY, AugmentOp.TranslateX, AugmentOp.TranslateY, AugmentOp.Rotate,
        AugmentOp.Brightness, AugmentOp.Color, AugmentOp.Contrast, AugmentOp.Sharpness, AugmentOp.Posterize, AugmentOp.Solarize,
        AugmentOp.AutoContrast, AugmentOp.Equalize,
    };

    public RandAugment(int numOps = 2, int magnitude = 9, int numMagnitudeBins = 31, Interpolation interpolation = Interpolation.Nearest, byte[]? fill = null)
    {
        if (numOps < 0) throw new ArgumentOutOfRangeException(nameof(numOps), numOps, "numOps must be non-negative.");
        if (numMagnitudeBins < 2) throw new ArgumentOutOfRangeException(nameof(numMagnitudeBins), numMagnitudeBins, "numMagnitudeBins must be at least 2.");
        if (magnitude < 0 || magnitude >= numMagnitudeBins)
            throw new ArgumentOutOfRangeException(nameof(magnitude), magnitude, $"magnitude must be a bin index in [0, {numMagnitudeBins - 1}].");
        NumOps = numOps;
        Magnitude = magnitude;
        NumMagnitudeBins = numMagnitudeBins;
        Interpolation = Check.WarpInterpolation(interpolation, nameof(RandAugment));
        Fill = fill;
    }

    public int NumOps { get; }
    public int Magnitude { get; }
    public int NumMagnitudeBins { get; }
    public Interpolation Interpolation { get; }
    public byte[]? Fill { get; }

    /// <summary>The ops applied to this sample, in order, with signed magnitudes.</summary>
    public readonly record struct Params((AugmentOp Op, double Magnitude)[] Ops);

    public Params MakeParams(int height, int width, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var ops = new (AugmentOp, double)[NumOps];
        for (int i = 0; i < NumOps; i++)
        {
            AugmentOp op = Space[random.Next(Space.Length)];
            (double[] bins, bool signed) = AugmentOps.RandAugmentSpace(op, NumMagnitudeBins, height, width);
            double magnitude = bins.Length > 0 ? bins[Magnitude] : 0.0;
            if (signed && random.Next(2) == 1) magnitude = -magnitude;
            ops[i] = (op, magnitude);
        }
        return new Params(ops);
    }

    public ImageBuffer Apply(ImageBuffer input, Params p) => AugmentOps.ApplyAll(input, p.Ops, Interpolation, Fill);

    public override ImageBuffer Apply(ImageBuffer input, Random random)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Apply(input, MakeParams(input.Height, input.Width, random));
    }

    public override string ToString() => $"RandAugment(num_ops={NumOps}, magnitude={Magnitude}, num_magnitude_bins={NumMagnitudeBins}, {Interpolation})";
}
