using ModelZoo.Core.Preprocessing;
using ModelZoo.Data.Imaging;

namespace ModelZoo.Data.Transforms.Functional;

/// <summary>
/// The operations of AutoAugment / RandAugment / TrivialAugmentWide with torchvision's _apply_op semantics (shears
/// about the top-left corner with angle atan(magnitude), translations truncated to whole pixels, enhance factors
/// 1 + magnitude), and their magnitude bins (torch.linspace in float32).
/// </summary>
public static class AugmentOps
{
    /// <summary>Applies <paramref name="op"/> with a signed <paramref name="magnitude"/>.</summary>
    public static ImageBuffer Apply(ImageBuffer image, AugmentOp op, double magnitude, Interpolation interpolation = Interpolation.Nearest, byte[]? fill = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        double shear = Math.Atan(magnitude) * AffineMath.RadToDeg;
        return op switch
        {
            AugmentOp.Identity => image,
            AugmentOp.ShearX => WarpOps.Affine(image, 0.0, (0, 0), 1.0, (shear, 0.0), interpolation, fill, (0, 0)),
            AugmentOp.ShearY => WarpOps.Affine(image, 0.0, (0, 0), 1.0, (0.0, shear), interpolation, fill, (0, 0)),
            AugmentOp.TranslateX => WarpOps.Affine(image, 0.0, ((int)magnitude, 0), 1.0, (0, 0), interpolation, fill),
            AugmentOp.TranslateY => WarpOps.Affine(image, 0.0, (0, (int)magnitude), 1.0, (0, 0), interpolation, fill),
            AugmentOp.Rotate => WarpOps.Rotate(image, magnitude, interpolation, false, null, fill),
            AugmentOp.Brightness => ColorOps.AdjustBrightness(image, 1.0 + magnitude),
            AugmentOp.Color => ColorOps.AdjustSaturation(image, 1.0 + magnitude),
            AugmentOp.Contrast => ColorOps.AdjustContrast(image, 1.0 + magnitude),
            AugmentOp.Sharpness => FilterOps.AdjustSharpness(image, 1.0 + magnitude),
            AugmentOp.Posterize => ToneOps.Posterize(image, (int)magnitude),
            AugmentOp.Solarize => ToneOps.Solarize(image, magnitude),
            AugmentOp.AutoContrast => ToneOps.Autocontrast(image),
            AugmentOp.Equalize => ToneOps.Equalize(image),
            AugmentOp.Invert => ToneOps.Invert(image),
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown augmentation op."),
        };
    }

    /// <summary>Applies <paramref name="ops"/> in order (the kernel of AutoAugment and RandAugment).</summary>
    internal static ImageBuffer ApplyAll(ImageBuffer image, IEnumerable<(AugmentOp Op, double Magnitude)> ops, Interpolation interpolation, byte[]? fill)
    {
        foreach ((AugmentOp op, double magnitude) in ops) image = Apply(image, op, magnitude, interpolation, fill);
        return image;
    }

    /// <summary>torch.linspace(start, end, steps) in float32 (the first half counted from start, the second from end).</summary>
    public static double[] Linspace(double start, double end, int steps)
    {
        var values = new double[steps];
        if (steps == 1)
        {
            values[0] = (float)start;
            return values;
        }
        float s = (float)start, e = (float)end, step = (e - s) / (steps - 1);
        int halfway = steps / 2;
        for (int i = 0; i < steps; i++) values[i] = i < halfway ? s + step * i : e - step * (steps - i - 1);
        return values;
    }

    /// <summary>Posterize bits per bin: top − round(i / ((bins − 1) / divisor)) (float32, half to even).</summary>
    public static double[] PosterizeBins(int bins, int top, int divisor)
    {
        float d = (float)((bins - 1) / (double)divisor);
        return Enumerable.Range(0, bins).Select(i => (double)(top - (int)MathF.Round(i / d, MidpointRounding.ToEven))).ToArray();
    }

    /// <summary>The magnitude bins and signedness of <paramref name="op"/> in AutoAugment/RandAugment's space
    /// (<paramref name="height"/>, <paramref name="width"/> scale the translations).</summary>
    public static (double[] Bins, bool Signed) RandAugmentSpace(AugmentOp op, int bins, int height, int width) => op switch
    {
        AugmentOp.ShearX or AugmentOp.ShearY => (Linspace(0.0, 0.3, bins), true),
        AugmentOp.TranslateX => (Linspace(0.0, 150.0 / 331.0 * width, bins), true),
        AugmentOp.TranslateY => (Linspace(0.0, 150.0 / 331.0 * height, bins), true),
        AugmentOp.Rotate => (Linspace(0.0, 30.0, bins), true),
        AugmentOp.Brightness or AugmentOp.Color or AugmentOp.Contrast or AugmentOp.Sharpness => (Linspace(0.0, 0.9, bins), true),
        AugmentOp.Posterize => (PosterizeBins(bins, 8, 4), false),
        AugmentOp.Solarize => (Linspace(255.0, 0.0, bins), false),
        _ => (Array.Empty<double>(), false),
    };

    /// <summary>The magnitude bins and signedness of <paramref name="op"/> in TrivialAugmentWide's space.</summary>
    public static (double[] Bins, bool Signed) TrivialAugmentSpace(AugmentOp op, int bins) => op switch
    {
        AugmentOp.ShearX or AugmentOp.ShearY => (Linspace(0.0, 0.99, bins), true),
        AugmentOp.TranslateX or AugmentOp.TranslateY => (Linspace(0.0, 32.0, bins), true),
        AugmentOp.Rotate => (Linspace(0.0, 135.0, bins), true),
        AugmentOp.Brightness or AugmentOp.Color or AugmentOp.Contrast or AugmentOp.Sharpness => (Linspace(0.0, 0.99, bins), true),
        AugmentOp.Posterize => (PosterizeBins(bins, 8, 6), false),
        AugmentOp.Solarize => (Linspace(255.0, 0.0, bins), false),
        _ => (Array.Empty<double>(), false),
    };
}
