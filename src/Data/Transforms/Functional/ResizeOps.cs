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
    /// antialias). Returns <paramref name="image"/> itself when the size is unchanged. A result too large for one
    /// buffer (e.g. a 1×20000 image resized to 256 wide) is refused with an <see cref="ArgumentOutOfRangeException"/>;
    /// <see cref="ResizeRegion"/> computes only the part that is needed.</summary>
    public static ImageBuffer Resize(ImageBuffer image, int height, int width, Interpolation interpolation = Interpolation.Bilinear, bool antialias = true)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (height == image.Height && width == image.Width) return image;
        return ResizeRegion(image, height, width, 0, 0, height, width, interpolation, antialias);
    }

    /// <summary>
    /// The <paramref name="regionHeight"/> × <paramref name="regionWidth"/> window at (<paramref name="top"/>,
    /// <paramref name="left"/>) of <paramref name="image"/> resized to <paramref name="height"/> × <paramref name="width"/>,
    /// computed without the full-size result: the same pixels as <see cref="Resize"/> followed by
    /// <see cref="GeometryOps.Crop"/> (outside the resized image the window is 0), so a resize-then-crop pipeline costs
    /// only the window and cannot overflow on extreme aspect ratios (1×20000 to a shorter side of 256 is 256×5,120,000).
    /// </summary>
    public static ImageBuffer ResizeRegion(ImageBuffer image, int height, int width, int top, int left, int regionHeight, int regionWidth,
        Interpolation interpolation = Interpolation.Bilinear, bool antialias = true)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (height < 1 || width < 1)
            throw new ArgumentOutOfRangeException(nameof(height), $"Resize target must be at least 1x1; got {height}x{width} (height x width).");
        if (regionHeight < 1 || regionWidth < 1)
            throw new ArgumentOutOfRangeException(nameof(regionHeight), $"Resize window must be at least 1x1; got {regionHeight}x{regionWidth} (height x width).");
        long bytes = (long)regionHeight * regionWidth * image.Channels;
        if (bytes > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(height),
                $"Resizing a {image.Height}x{image.Width} image to {height}x{width} (height x width) gives {bytes:N0} bytes, more than one "
                + $"image buffer holds ({Array.MaxLength:N0}); crop after the resize (Resize then CenterCrop is computed for the crop "
                + "only) or cap the longer side (max_size).");
        int y0 = Math.Clamp(top, 0, height), y1 = (int)Math.Clamp((long)top + regionHeight, 0, height);
        int x0 = Math.Clamp(left, 0, width), x1 = (int)Math.Clamp((long)left + regionWidth, 0, width);
        if (y1 <= y0 || x1 <= x0) return new ImageBuffer(regionWidth, regionHeight, image.Channels);
        ImageBuffer inside = interpolation == Interpolation.Nearest
            ? Nearest(image, height, width, y0, y1, x0, x1)
            : Separable(image, height, width, y0, y1, x0, x1, interpolation, antialias);
        if (inside.Height == regionHeight && inside.Width == regionWidth) return inside;
        return GeometryOps.Crop(inside, top - y0, left - x0, regionHeight, regionWidth);
    }

    /// <summary>Pillow's two passes restricted to output rows [y0, y1) and columns [x0, x1): the horizontal pass only over
    /// the source rows the vertical pass reads, each rounded to uint8 as Pillow does.</summary>
    private static ImageBuffer Separable(ImageBuffer image, int height, int width, int y0, int y1, int x0, int x1,
        Interpolation interpolation, bool antialias)
    {
        (Func<double, double> filter, double support) = Filter(interpolation);
        bool horizontal = width != image.Width, vertical = height != image.Height;
        Window? rows = vertical ? Coefficients(image.Height, height, y0, y1, filter, support, antialias) : null;
        int srcTop = rows?.SourceStart ?? y0, srcBottom = rows?.SourceEnd ?? y1;
        ImageBuffer current = horizontal
            ? Horizontal(image, srcTop, srcBottom, Coefficients(image.Width, width, x0, x1, filter, support, antialias))
            : GeometryOps.Crop(image, srcTop, x0, srcBottom - srcTop, x1 - x0);
        return rows is { } r ? Vertical(current, srcTop, r) : current;
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

    /// <summary>Filter taps for output indices [Start, Start + Count): per output, its first source index and tap count
    /// (<see cref="Bounds"/>, absolute source indices) and KSize fixed-point weights; <see cref="SourceStart"/> and
    /// <see cref="SourceEnd"/> bound the source indices any of them reads.</summary>
    private sealed record Window(int Start, int Count, int[] Bounds, int[] Kk, int KSize, int SourceStart, int SourceEnd);

    /// <summary>Pillow's precompute_coeffs for output indices [<paramref name="start"/>, <paramref name="end"/>) of an
    /// <paramref name="inSize"/> → <paramref name="outSize"/> resize (same centres and weights as for the whole range).</summary>
    private static Window Coefficients(int inSize, int outSize, int start, int end, Func<double, double> filter, double support, bool antialias)
    {
        double scale = (double)inSize / outSize, filterScale = antialias ? Math.Max(scale, 1.0) : 1.0;
        support *= filterScale;
        int ksize = (int)Math.Ceiling(support) * 2 + 1, count = end - start;
        var bounds = new int[count * 2];
        var kk = new int[count * ksize];
        var k = new double[ksize];
        int first = int.MaxValue, last = 0;
        for (int j = 0; j < count; j++)
        {
            double center = (start + j + 0.5) * scale, ww = 0.0, ss = 1.0 / filterScale;
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
                kk[j * ksize + x] = w < 0 ? (int)(-0.5 + w * (1 << PrecisionBits)) : (int)(0.5 + w * (1 << PrecisionBits));
            }
            bounds[2 * j] = xmin;
            bounds[2 * j + 1] = Math.Max(xmax, 0);
            first = Math.Min(first, xmin);
            last = Math.Max(last, xmin + Math.Max(xmax, 0));
        }
        first = Math.Min(first, last);
        return new Window(start, count, bounds, kk, ksize, first, Math.Max(last, first + 1));
    }

    private static byte Clip8(int ss)
    {
        int v = ss >> PrecisionBits;
        return v < 0 ? (byte)0 : v > 255 ? (byte)255 : (byte)v;
    }

    /// <summary>Horizontal pass over source rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) for the window's columns.</summary>
    private static ImageBuffer Horizontal(ImageBuffer src, int rowStart, int rowEnd, Window cols)
    {
        int c = src.Channels, inW = src.Width, h = rowEnd - rowStart, outW = cols.Count, ksize = cols.KSize;
        var output = new ImageBuffer(outW, h, c);
        byte[] s = src.Pixels, d = output.Pixels;
        int[] bounds = cols.Bounds, kk = cols.Kk;
        const int half = 1 << (PrecisionBits - 1);
        for (int y = 0; y < h; y++)
        {
            int rowIn = (rowStart + y) * inW * c, rowOut = y * outW * c;
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

    /// <summary>Vertical pass for the window's rows; <paramref name="src"/> holds source rows from <paramref name="rowStart"/>.</summary>
    private static ImageBuffer Vertical(ImageBuffer src, int rowStart, Window rows)
    {
        int c = src.Channels, w = src.Width, row = w * c, outH = rows.Count, ksize = rows.KSize;
        var output = new ImageBuffer(w, outH, c);
        byte[] s = src.Pixels, d = output.Pixels;
        int[] bounds = rows.Bounds, kk = rows.Kk;
        for (int yy = 0; yy < outH; yy++)
        {
            int ymin = bounds[2 * yy] - rowStart, ymax = bounds[2 * yy + 1], k0 = yy * ksize;
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

    /// <summary>Pillow's nearest resize for output rows [y0, y1) and columns [x0, x1): the source pixel under each output
    /// pixel centre, positions accumulated in double precision from the first output index as Pillow does (so ties fall
    /// the same way).</summary>
    private static ImageBuffer Nearest(ImageBuffer image, int height, int width, int y0, int y1, int x0, int x1)
    {
        int c = image.Channels;
        double a0 = (double)image.Width / width, a4 = (double)image.Height / height;
        var xin = new int[x1 - x0];
        double xo = a0 * 0.5;
        for (int x = 0; x < x1; x++, xo += a0)
            if (x >= x0) xin[x - x0] = Math.Min((int)xo, image.Width - 1);
        int outW = x1 - x0;
        var output = new ImageBuffer(outW, y1 - y0, c);
        double yo = a4 * 0.5;
        for (int y = 0; y < y1; y++, yo += a4)
        {
            if (y < y0) continue;
            int yi = Math.Min((int)yo, image.Height - 1), rowIn = yi * image.Width * c, rowOut = (y - y0) * outW * c;
            for (int x = 0; x < outW; x++)
                for (int ch = 0; ch < c; ch++) output.Pixels[rowOut + x * c + ch] = image.Pixels[rowIn + xin[x] * c + ch];
        }
        return output;
    }
}
