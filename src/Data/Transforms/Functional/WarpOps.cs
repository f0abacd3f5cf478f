using ModelZoo.Core.Preprocessing;
using ModelZoo.Data.Imaging;

namespace ModelZoo.Data.Transforms.Functional;

/// <summary>
/// Rotation, affine and perspective warps with torchvision's PIL-path semantics: torchvision's matrices, then Pillow's
/// sampling (pixel centres at +0.5; nearest via Pillow's 16.16 fixed-point path; bilinear/bicubic truncated to
/// uint8 as Pillow does). Pixels that map outside the input take <c>fill</c> (one value per channel, or one for all).
/// RGBA channels are interpolated independently (Pillow premultiplies alpha for bilinear/bicubic; we do not).
/// </summary>
public static class WarpOps
{
    /// <summary>torchvision F.rotate: counter-clockwise by <paramref name="angle"/> degrees about <paramref name="center"/>
    /// (default the image centre); <paramref name="expand"/> enlarges the output to hold the whole rotated image.
    /// Multiples of 90° about the default centre are exact transposes (as Pillow).</summary>
    public static ImageBuffer Rotate(ImageBuffer image, double angle, Interpolation interpolation = Interpolation.Nearest,
        bool expand = false, (double X, double Y)? center = null, byte[]? fill = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        double a = AffineMath.PositiveModulo(angle, 360.0);
        if (center is null)
        {
            if (a == 0) return image;
            if (a == 180) return GeometryOps.Rotate180(image);
            if (a is 90 or 270 && (expand || image.Width == image.Height))
                return a == 90 ? GeometryOps.Rotate90(image) : GeometryOps.Rotate270(image);
        }
        (double[] m, int w, int h) = AffineMath.Rotation(image.Width, image.Height, angle, expand, center);
        return Transform(image, w, h, m, interpolation, fill);
    }

    /// <summary>torchvision F.affine: rotation (degrees), translation (pixels), scale and shear (degrees, x and y) about
    /// <paramref name="center"/> (default the image centre); the output keeps the input size.</summary>
    public static ImageBuffer Affine(ImageBuffer image, double angle, (double X, double Y) translate, double scale, (double X, double Y) shear,
        Interpolation interpolation = Interpolation.Nearest, byte[]? fill = null, (double X, double Y)? center = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (!(scale > 0)) throw new ArgumentOutOfRangeException(nameof(scale), scale, "Affine scale must be positive.");
        double[] m = AffineMath.InverseAffine(center ?? (image.Width * 0.5, image.Height * 0.5), angle, translate, scale, shear);
        return Transform(image, image.Width, image.Height, m, interpolation, fill);
    }

    /// <summary>torchvision F.perspective: maps the four <paramref name="startpoints"/> (top-left, top-right, bottom-right,
    /// bottom-left) to <paramref name="endpoints"/>.</summary>
    public static ImageBuffer Perspective(ImageBuffer image, IReadOnlyList<(int X, int Y)> startpoints, IReadOnlyList<(int X, int Y)> endpoints,
        Interpolation interpolation = Interpolation.Bilinear, byte[]? fill = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        double[] c = AffineMath.PerspectiveCoefficients(startpoints, endpoints);
        return Sample(image, image.Width, image.Height, (x, y) =>
        {
            double d = c[6] * x + c[7] * y + 1;
            return ((c[0] * x + c[1] * y + c[2]) / d, (c[3] * x + c[4] * y + c[5]) / d);
        }, interpolation, Fill(fill, image.Channels));
    }

    /// <summary>Pillow's Image.transform(size, AFFINE, <paramref name="inverse"/>): output pixel (x, y) samples the input at
    /// (a·(x+½) + b·(y+½) + c, d·(x+½) + e·(y+½) + f).</summary>
    public static ImageBuffer Transform(ImageBuffer image, int width, int height, double[] inverse, Interpolation interpolation, byte[]? fill)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(inverse);
        if (inverse.Length != 6) throw new ArgumentException("An affine matrix has 6 coefficients.", nameof(inverse));
        byte[] f = Fill(fill, image.Channels);
        if (interpolation != Interpolation.Nearest)
            return Sample(image, width, height, (x, y) =>
                (inverse[0] * x + inverse[1] * y + inverse[2], inverse[3] * x + inverse[4] * y + inverse[5]), interpolation, f);
        return NearestAffine(image, width, height, inverse, f);
    }

    internal static byte[] Fill(byte[]? fill, int channels)
    {
        if (fill is null || fill.Length == 0) return new byte[channels];
        if (fill.Length == 1) return Enumerable.Repeat(fill[0], channels).ToArray();
        if (fill.Length != channels)
            throw new ArgumentException($"Fill has {fill.Length} values but the image has {channels} channels; give 1 or {channels}.", nameof(fill));
        return fill;
    }

    private static ImageBuffer Filled(int width, int height, int channels, byte[] fill)
    {
        var output = new ImageBuffer(width, height, channels);
        if (fill.Any(v => v != 0))
            for (int i = 0; i < output.Pixels.Length; i += channels) Buffer.BlockCopy(fill, 0, output.Pixels, i, channels);
        return output;
    }

    /// <summary>Pillow's nearest affine: a pure scale/translate goes through its scale path, anything else through
    /// 16.16 fixed point (floating point only for coordinates beyond ±32768).</summary>
    private static ImageBuffer NearestAffine(ImageBuffer image, int width, int height, double[] a, byte[] fill)
    {
        int c = image.Channels, inW = image.Width, inH = image.Height;
        ImageBuffer output = Filled(width, height, c, fill);
        byte[] src = image.Pixels, dst = output.Pixels;
        void Copy(int x, int y, int xin, int yin)
        {
            if (xin >= 0 && xin < inW && yin >= 0 && yin < inH) Buffer.BlockCopy(src, (yin * inW + xin) * c, dst, (y * width + x) * c, c);
        }
        if (a[1] == 0 && a[3] == 0)
        {
            var xintab = new int[width];
            double xo = a[2] + a[0] * 0.5, yo = a[5] + a[4] * 0.5;
            for (int x = 0; x < width; x++, xo += a[0]) xintab[x] = Coord(xo);
            for (int y = 0; y < height; y++, yo += a[4])
            {
                int yi = Coord(yo);
                for (int x = 0; x < width; x++) Copy(x, y, xintab[x], yi);
            }
            return output;
        }
        bool Fixed(int x, int y) => Math.Abs(x * a[0] + y * a[1] + a[2]) < 32768.0 && Math.Abs(x * a[3] + y * a[4] + a[5]) < 32768.0;
        if (Fixed(0, 0) && Fixed(width, height) && Fixed(0, height) && Fixed(width, 0))
        {
            int a0 = Fix(a[0]), a1 = Fix(a[1]), a3 = Fix(a[3]), a4 = Fix(a[4]);
            int a2 = Fix(a[2] + a[0] * 0.5 + a[1] * 0.5), a5 = Fix(a[5] + a[3] * 0.5 + a[4] * 0.5);
            for (int y = 0; y < height; y++, a2 += a1, a5 += a4)
            {
                int xx = a2, yy = a5;
                for (int x = 0; x < width; x++, xx += a0, yy += a3) Copy(x, y, xx >> 16, yy >> 16);
            }
            return output;
        }
        double rx = a[2] + a[1] * 0.5 + a[0] * 0.5, ry = a[5] + a[4] * 0.5 + a[3] * 0.5;
        for (int y = 0; y < height; y++, rx += a[1], ry += a[4])
        {
            double xx = rx, yy = ry;
            for (int x = 0; x < width; x++, xx += a[0], yy += a[3]) Copy(x, y, Coord(xx), Coord(yy));
        }
        return output;
    }

    private static int Coord(double v) => v < 0.0 ? -1 : (int)v;

    private static int Floor(double v) => v < 0.0 ? (int)Math.Floor(v) : (int)v;

    private static int Fix(double v) => Floor(v * 65536.0 + 0.5);

    /// <summary>Pillow's generic transform: each output pixel centre mapped through <paramref name="map"/>, sampled with
    /// Pillow's nearest/bilinear/bicubic filters; unmapped pixels keep the fill.</summary>
    private static ImageBuffer Sample(ImageBuffer image, int width, int height, Func<double, double, (double X, double Y)> map,
        Interpolation interpolation, byte[] fill)
    {
        if (interpolation is not (Interpolation.Nearest or Interpolation.Bilinear or Interpolation.Bicubic))
            throw new ArgumentException($"Warps support nearest, bilinear and bicubic interpolation; got {interpolation}.", nameof(interpolation));
        int c = image.Channels;
        ImageBuffer output = Filled(width, height, c, fill);
        var sampler = new PillowSampler(image);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                (double xin, double yin) = map(x + 0.5, y + 0.5);
                int d = (y * width + x) * c;
                _ = interpolation switch
                {
                    Interpolation.Nearest => sampler.Nearest(xin, yin, output.Pixels, d),
                    Interpolation.Bilinear => sampler.Bilinear(xin, yin, output.Pixels, d),
                    _ => sampler.Bicubic(xin, yin, output.Pixels, d),
                };
            }
        return output;
    }
}
