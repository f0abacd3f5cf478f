using ModelZoo.Core.Preprocessing;
using ModelZoo.Data.Imaging;

namespace ModelZoo.Data.Transforms.Functional;

/// <summary>
/// Resizing with Pillow's algorithms (what torchvision's Resize does to PIL images): separable convolution with the
/// filter's support widened by the downscaling factor (antialiasing), normalised coefficients in 22-bit fixed point,
/// a horizontal pass to uint8 then a vertical pass, each rounded; nearest samples the source pixel under each output
/// pixel centre. Measured against Pillow 9.4 (tests/fixtures/transforms): identical output.
/// </summary>
public static class ResizeOps
{
    private const int PrecisionBits = 32 - 8 - 2;

    /// <summary>torchvision's output size for a shorter-side <paramref name="size"/> (aspect kept, longer side truncated)
    /// with an optional cap on the longer side.</summary>
    public static (int Height, int Width) OutputSize(int height, int width, int size, int? maxSize = null)
    {
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "Resize size must be positive.");
        if (maxSize is { } m && m <= size)
            throw new ArgumentException($"max_size ({m}) must be larger than the requested size ({size}).", nameof(maxSize));
        bool wide = width > height;
        int shortSide = wide ? height : width, longSide = wide ? width : height;
        int newShort = size, newLong = (int)((long)size * longSide / shortSide);
        if (maxSize is { } max && newLong > max)
        {
            newShort = (int)((long)max * newShort / newLong);
            newLong = max;
        }
        newShort = Math.Max(newShort, 1);
        return wide ? (newShort, newLong) : (newLong, newShort);
    }

    /// <summary>Resizes to exactly <paramref name="height"/> × <paramref name="width"/>. <paramref name="antialias"/> false
    /// keeps the filter's support at its nominal width (plain interpolation, like torchvision's tensor path without
    /// antialias). Returns <paramref name="image"/> itself when the size is unchanged.</summary>
    public static ImageBuffer Resize(ImageBuffer image, int height, int width, Interpolation interpolation = Interpolation.Bilinear, bool antialias = true)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (height < 1 || width < 1)
            throw new ArgumentOutOfRangeException(nameof(height), $"Resize target must be at least 1x1; got {height}x{width} (height x width).");
        if (height == image.Height && width == image.Width) return image;
        if (interpolation == Interpolation.Nearest) return Nearest(image, height, width);

        (Func<double, double> filter, double support) = Filter(interpolation);
        ImageBuffer current = image;
        if (width != image.Width)
        {
            var (bounds, kk, ksize) = Coefficients(image.Width, width, filter, support, antialias);
            current = Horizontal(current, width, bounds, kk, ksize);
        }
        if (height != image.Height)
        {
            var (bounds, kk, ksize) = Coefficients(image.Height, height, filter, support, antialias);
            current = Vertical(current, height, bounds, kk, ksize);
        }
        return current;
    }

    private static (Func<double, double>, double) Filter(Interpolation mode) => mode switch
    {
        Interpolation.Bilinear => (x => { x = Math.Abs(x); return x < 1.0 ? 1.0 - x : 0.0; }, 1.0),
        Interpolation.Bicubic => (Bicubic, 2.0),
        Interpolation.Box => (x => x > -0.5 && x <= 0.5 ? 1.0 : 0.0, 0.5),
        Interpolation.Hamming => (Hamming, 1.0),
        Interpolation.Lanczos => (x => -3.0 <= x && x < 3.0 ? Sinc(x) * Sinc(x / 3) : 0.0, 3.0),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown interpolation mode."),
    };

    private static double Bicubic(double x)
    {
        const double a = -0.5;
        x = Math.Abs(x);
        if (x < 1.0) return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        if (x < 2.0) return (((x - 5) * x + 8) * x - 4) * a;
        return 0.0;
    }

    private static double Hamming(double x)
    {
        x = Math.Abs(x);
        if (x == 0.0) return 1.0;
        if (x >= 1.0) return 0.0;
        x *= Math.PI;
        return Math.Sin(x) / x * (0.54f + 0.46f * Math.Cos(x));
    }

    private static double Sinc(double x) => x == 0.0 ? 1.0 : Math.Sin(x * Math.PI) / (x * Math.PI);

    /// <summary>Per output index: first source index, tap count, and fixed-point weights (ksize per output).</summary>
    private static (int[] Bounds, int[] Kk, int KSize) Coefficients(int inSize, int outSize, Func<double, double> filter, double support, bool antialias)
    {
        double scale = (double)inSize / outSize, filterScale = antialias ? Math.Max(scale, 1.0) : 1.0;
        support *= filterScale;
        int ksize = (int)Math.Ceiling(support) * 2 + 1;
        var bounds = new int[outSize * 2];
        var kk = new int[outSize * ksize];
        var k = new double[ksize];
        for (int xx = 0; xx < outSize; xx++)
        {
            double center = (xx + 0.5) * scale, ww = 0.0, ss = 1.0 / filterScale;
            int xmin = Math.Max((int)(center - support + 0.5), 0);
            int xmax = Math.Min((int)(center + support + 0.5), inSize) - xmin;
            for (int x = 0; x < xmax; x++)
            {
                double w = filter((x + xmin - center + 0.5) * ss);
                k[x] = w;
                ww += w;
            }
            for (int x = 0; x < xmax; x++)
            {
                double w = ww != 0.0 ? k[x] / ww : k[x];
                kk[xx * ksize + x] = w < 0 ? (int)(-0.5 + w * (1 << PrecisionBits)) : (int)(0.5 + w * (1 << PrecisionBits));
            }
            bounds[2 * xx] = xmin;
            bounds[2 * xx + 1] = Math.Max(xmax, 0);
        }
        return (bounds, kk, ksize);
    }

    private static byte Clip8(int ss)
    {
        int v = ss >> PrecisionBits;
        return v < 0 ? (byte)0 : v > 255 ? (byte)255 : (byte)v;
    }

    private static ImageBuffer Horizontal(ImageBuffer src, int outW, int[] bounds, int[] kk, int ksize)
    {
        int c = src.Channels, inW = src.Width, h = src.Height;
        var output = new ImageBuffer(outW, h, c);
        byte[] s = src.Pixels, d = output.Pixels;
        const int half = 1 << (PrecisionBits - 1);
        for (int y = 0; y < h; y++)
        {
            int rowIn = y * inW * c, rowOut = y * outW * c;
            for (int xx = 0; xx < outW; xx++)
            {
                int xmin = bounds[2 * xx], xmax = bounds[2 * xx + 1], k0 = xx * ksize, o = rowOut + xx * c;
                if (c == 3)
                {
                    int s0 = half, s1 = half, s2 = half;
                    for (int x = 0, p = rowIn + xmin * 3; x < xmax; x++, p += 3)
                    {
                        int k = kk[k0 + x];
                        s0 += s[p] * k;
                        s1 += s[p + 1] * k;
                        s2 += s[p + 2] * k;
                    }
                    d[o] = Clip8(s0);
                    d[o + 1] = Clip8(s1);
                    d[o + 2] = Clip8(s2);
                    continue;
                }
                for (int ch = 0; ch < c; ch++)
                {
                    int ss = half;
                    for (int x = 0, p = rowIn + xmin * c + ch; x < xmax; x++, p += c) ss += s[p] * kk[k0 + x];
                    d[o + ch] = Clip8(ss);
                }
            }
        }
        return output;
    }

    private static ImageBuffer Vertical(ImageBuffer src, int outH, int[] bounds, int[] kk, int ksize)
    {
        int c = src.Channels, w = src.Width, row = w * c;
        var output = new ImageBuffer(w, outH, c);
        byte[] s = src.Pixels, d = output.Pixels;
        for (int yy = 0; yy < outH; yy++)
        {
            int ymin = bounds[2 * yy], ymax = bounds[2 * yy + 1], k0 = yy * ksize;
            for (int i = 0; i < row; i++)
            {
                int ss = 1 << (PrecisionBits - 1);
                int p = ymin * row + i;
                for (int y = 0; y < ymax; y++, p += row) ss += s[p] * kk[k0 + y];
                d[yy * row + i] = Clip8(ss);
            }
        }
        return output;
    }

    /// <summary>Pillow's nearest resize: the source pixel under each output pixel centre, positions accumulated in
    /// double precision as Pillow does (so ties fall the same way).</summary>
    private static ImageBuffer Nearest(ImageBuffer image, int height, int width)
    {
        int c = image.Channels;
        double a0 = (double)image.Width / width, a4 = (double)image.Height / height;
        var xin = new int[width];
        double xo = a0 * 0.5;
        for (int x = 0; x < width; x++, xo += a0) xin[x] = Math.Min((int)xo, image.Width - 1);
        var output = new ImageBuffer(width, height, c);
        double yo = a4 * 0.5;
        for (int y = 0; y < height; y++, yo += a4)
        {
            int yi = Math.Min((int)yo, image.Height - 1), rowIn = yi * image.Width * c, rowOut = y * width * c;
            for (int x = 0; x < width; x++)
                for (int ch = 0; ch < c; ch++) output.Pixels[rowOut + x * c + ch] = image.Pixels[rowIn + xin[x] * c + ch];
        }
        return output;
    }
}
