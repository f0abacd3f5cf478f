using ModelZoo.Core.Preprocessing;
using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms.Functional;

namespace ModelZoo.Data.Transforms;

/// <summary>
/// Random affine transform keeping the image size (torchvision RandomAffine): rotation uniform in <see cref="Degrees"/>,
/// translation up to <see cref="Translate"/> × (width, height) pixels (rounded), scale uniform in <see cref="Scale"/>,
/// shear in degrees (x from <see cref="ShearX"/>, y from <see cref="ShearY"/>); nearest by default.
/// </summary>
public sealed class RandomAffine : Transform<ImageBuffer, ImageBuffer>
{
    /// <param name="degrees">Rotation range (−degrees, +degrees).</param>
    /// <param name="translate">Maximum translation as fractions of width and height, each in [0, 1].</param>
    /// <param name="scale">Scale range (positive); null keeps the scale.</param>
    /// <param name="shear">Degrees: one value s → x shear in (−s, s); two → x shear range; four → x and y ranges.</param>
    public RandomAffine(double degrees, (double X, double Y)? translate = null, (double Min, double Max)? scale = null, double[]? shear = null,
        Interpolation interpolation = Interpolation.Nearest, byte[]? fill = null, (double X, double Y)? center = null)
        : this(Check.Symmetric(degrees, nameof(degrees)), translate, scale, shear, interpolation, fill, center) { }

    public RandomAffine((double Min, double Max) degrees, (double X, double Y)? translate = null, (double Min, double Max)? scale = null,
        double[]? shear = null, Interpolation interpolation = Interpolation.Nearest, byte[]? fill = null, (double X, double Y)? center = null)
    {
        Degrees = Check.Range(degrees, nameof(degrees));
        if (translate is { } t && !(t.X >= 0 && t.X <= 1 && t.Y >= 0 && t.Y <= 1))
            throw new ArgumentOutOfRangeException(nameof(translate), $"Translate fractions must be in [0, 1]; got ({t.X}, {t.Y}).");
        Translate = translate;
        if (scale is { } s)
        {
            Scale = Check.Range(s, nameof(scale), 0);
            if (s.Min <= 0) throw new ArgumentOutOfRangeException(nameof(scale), $"Scale must be positive; got ({s.Min}, {s.Max}).");
        }
        (ShearX, ShearY) = shear switch
        {
            null => (((double, double)?)null, ((double, double)?)null),
            { Length: 1 } => (Check.Symmetric(shear[0], nameof(shear)), null),
            { Length: 2 } => (Check.Range((shear[0], shear[1]), nameof(shear)), null),
            { Length: 4 } => (Check.Range((shear[0], shear[1]), nameof(shear)), Check.Range((shear[2], shear[3]), nameof(shear))),
            _ => throw new ArgumentException($"Shear needs 1, 2 or 4 values; got {shear.Length}.", nameof(shear)),
        };
        Interpolation = Check.WarpInterpolation(interpolation, nameof(RandomAffine));
        Fill = fill;
        Center = center;
    }

    public (double Min, double Max) Degrees { get; }
    public (double X, double Y)? Translate { get; }
    public (double Min, double Max)? Scale { get; }
    public (double Min, double Max)? ShearX { get; }
    public (double Min, double Max)? ShearY { get; }
    public Interpolation Interpolation { get; }
    public byte[]? Fill { get; }
    public (double X, double Y)? Center { get; }

    /// <summary>The drawn parameters of one sample.</summary>
    public readonly record struct Params(double Angle, int TranslateX, int TranslateY, double Scale, double ShearX, double ShearY);

    /// <summary>Draws angle, translation, scale and shears (in torchvision's order) for an input of the given size.</summary>
    public Params MakeParams(int height, int width, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        double angle = RandomDraw.Uniform(random, Degrees.Min, Degrees.Max);
        int tx = 0, ty = 0;
        if (Translate is { } t)
        {
            double maxDx = t.X * width, maxDy = t.Y * height;
            tx = (int)Math.Round(RandomDraw.Uniform(random, -maxDx, maxDx), MidpointRounding.ToEven);
            ty = (int)Math.Round(RandomDraw.Uniform(random, -maxDy, maxDy), MidpointRounding.ToEven);
        }
        double scale = Scale is { } s ? RandomDraw.Uniform(random, s.Min, s.Max) : 1.0;
        double shx = ShearX is { } x ? RandomDraw.Uniform(random, x.Min, x.Max) : 0.0;
        double shy = ShearY is { } y ? RandomDraw.Uniform(random, y.Min, y.Max) : 0.0;
        return new Params(angle, tx, ty, scale, shx, shy);
    }

    /// <summary>Stateless kernel with drawn parameters.</summary>
    public ImageBuffer Apply(ImageBuffer input, Params p) =>
        WarpOps.Affine(input, p.Angle, (p.TranslateX, p.TranslateY), p.Scale, (p.ShearX, p.ShearY), Interpolation, Fill, Center);

    public override ImageBuffer Apply(ImageBuffer input, Random random)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Apply(input, MakeParams(input.Height, input.Width, random));
    }

    public override string ToString() => $"RandomAffine(degrees=({Degrees.Min}, {Degrees.Max}), translate={Translate}, scale={Scale}, shear=({ShearX}, {ShearY}), {Interpolation})";
}
