using ModelZoo.Core.Preprocessing;
using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms.Functional;

namespace ModelZoo.Data.Transforms;

/// <summary>Rotates by an angle uniform in <see cref="Degrees"/> (counter-clockwise; torchvision RandomRotation), nearest
/// by default, about <see cref="Center"/> (default the image centre); <see cref="Expand"/> enlarges the output.</summary>
public sealed class RandomRotation : Transform<ImageBuffer, ImageBuffer>
{
    /// <summary>Angles in (−<paramref name="degrees"/>, +<paramref name="degrees"/>).</summary>
    public RandomRotation(double degrees, Interpolation interpolation = Interpolation.Nearest, bool expand = false,
        (double X, double Y)? center = null, byte[]? fill = null)
        : this(Check.Symmetric(degrees, nameof(degrees)), interpolation, expand, center, fill) { }

    public RandomRotation((double Min, double Max) degrees, Interpolation interpolation = Interpolation.Nearest, bool expand = false,
        (double X, double Y)? center = null, byte[]? fill = null)
    {
        Degrees = Check.Range(degrees, nameof(degrees));
        Interpolation = Check.WarpInterpolation(interpolation, nameof(RandomRotation));
        Expand = expand;
        Center = center;
        Fill = fill;
    }

    public (double Min, double Max) Degrees { get; }
    public Interpolation Interpolation { get; }
    public bool Expand { get; }
    public (double X, double Y)? Center { get; }
    public byte[]? Fill { get; }

    /// <summary>The rotation angle in degrees.</summary>
    public double MakeParams(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return RandomDraw.Uniform(random, Degrees.Min, Degrees.Max);
    }

    public override ImageBuffer Apply(ImageBuffer input, Random random) =>
        WarpOps.Rotate(input, MakeParams(random), Interpolation, Expand, Center, Fill);

    public override string ToString() => $"RandomRotation(degrees=({Degrees.Min}, {Degrees.Max}), {Interpolation}, expand={Expand})";
}
