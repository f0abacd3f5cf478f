using ModelZoo.Core.Preprocessing;
using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms.Functional;

namespace ModelZoo.Data.Transforms;

/// <summary>With probability <see cref="P"/> (default 0.5), a random perspective warp: each corner moves inwards by up
/// to <see cref="DistortionScale"/> (default 0.5) × half the width/height (torchvision RandomPerspective; bilinear).</summary>
public sealed class RandomPerspective : Transform<ImageBuffer, ImageBuffer>
{
    public RandomPerspective(double distortionScale = 0.5, double p = 0.5, Interpolation interpolation = Interpolation.Bilinear, byte[]? fill = null)
    {
        if (!(distortionScale >= 0 && distortionScale <= 1))
            throw new ArgumentOutOfRangeException(nameof(distortionScale), distortionScale, "Distortion scale must be in [0, 1].");
        DistortionScale = distortionScale;
        Interpolation = Check.WarpInterpolation(interpolation, nameof(RandomPerspective));
        P = Check.Probability(p);
        Fill = fill;
    }

    public double DistortionScale { get; }
    public double P { get; }
    public Interpolation Interpolation { get; }
    public byte[]? Fill { get; }

    /// <summary>Whether to warp, and the corners (top-left, top-right, bottom-right, bottom-left) before and after.</summary>
    public readonly record struct Params(bool Apply, (int X, int Y)[] StartPoints, (int X, int Y)[] EndPoints);

    public Params MakeParams(int height, int width, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var start = new[] { (0, 0), (width - 1, 0), (width - 1, height - 1), (0, height - 1) };
        if (!RandomDraw.Chance(random, P)) return new Params(false, start, start);
        int dx = (int)(DistortionScale * (width / 2)), dy = (int)(DistortionScale * (height / 2));
        (int, int) Corner(int x0, int x1, int y0, int y1) { int x = random.Next(x0, x1); return (x, random.Next(y0, y1)); }
        var end = new[]
        {
            Corner(0, dx + 1, 0, dy + 1),
            Corner(width - dx - 1, width, 0, dy + 1),
            Corner(width - dx - 1, width, height - dy - 1, height),
            Corner(0, dx + 1, height - dy - 1, height),
        };
        return new Params(true, start, end);
    }

    /// <summary>Stateless kernel with drawn parameters.</summary>
    public ImageBuffer Apply(ImageBuffer input, Params p) =>
        p.Apply && input.Width > 1 && input.Height > 1 ? WarpOps.Perspective(input, p.StartPoints, p.EndPoints, Interpolation, Fill) : input;

    public override ImageBuffer Apply(ImageBuffer input, Random random)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Apply(input, MakeParams(input.Height, input.Width, random));
    }

    public override string ToString() => $"RandomPerspective(distortion_scale={DistortionScale}, p={P}, {Interpolation})";
}
