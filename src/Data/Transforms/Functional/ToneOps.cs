using ModelZoo.Data.Imaging;

namespace ModelZoo.Data.Transforms.Functional;

/// <summary>
/// Per-value tone operations with Pillow's ImageOps semantics (torchvision's PIL path): invert, posterize, solarize,
/// autocontrast and equalize, each a 256-entry lookup table per channel. On RGBA images alpha is kept unchanged.
/// </summary>
public static class ToneOps
{
    /// <summary>255 − v.</summary>
    public static ImageBuffer Invert(ImageBuffer image) => ApplyLut(image, _ => Enumerable.Range(0, 256).Select(i => (byte)(255 - i)).ToArray());

    /// <summary>Keeps the top <paramref name="bits"/> (0–8) bits of every value.</summary>
    public static ImageBuffer Posterize(ImageBuffer image, int bits)
    {
        if (bits is < 0 or > 8) throw new ArgumentOutOfRangeException(nameof(bits), bits, "Posterize bits must be between 0 and 8.");
        int mask = ~((1 << (8 - bits)) - 1);
        return ApplyLut(image, _ => Enumerable.Range(0, 256).Select(i => (byte)(i & mask)).ToArray());
    }

    /// <summary>Inverts every value at or above <paramref name="threshold"/> (v &lt; threshold ? v : 255 − v).</summary>
    public static ImageBuffer Solarize(ImageBuffer image, double threshold)
    {
        if (double.IsNaN(threshold)) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "Solarize threshold must be a number.");
        return ApplyLut(image, _ => Enumerable.Range(0, 256).Select(i => (byte)(i < threshold ? i : 255 - i)).ToArray());
    }

    /// <summary>Stretches each channel so its darkest value becomes 0 and its lightest 255 (ImageOps.autocontrast, no
    /// cutoff): lut[i] = clamp(int(i·scale − lo·scale)) with scale = 255/(hi − lo); a flat channel is unchanged.</summary>
    public static ImageBuffer Autocontrast(ImageBuffer image) => ApplyLut(image, histogram =>
    {
        int lo = 0, hi = 255;
        while (lo < 256 && histogram[lo] == 0) lo++;
        while (hi >= 0 && histogram[hi] == 0) hi--;
        var lut = new byte[256];
        if (hi <= lo)
        {
            for (int i = 0; i < 256; i++) lut[i] = (byte)i;
            return lut;
        }
        double scale = 255.0 / (hi - lo), offset = -lo * scale;
        for (int i = 0; i < 256; i++) lut[i] = (byte)Math.Clamp((int)(i * scale + offset), 0, 255);
        return lut;
    });

    /// <summary>Histogram equalisation per channel (ImageOps.equalize): step = (pixels − count of the last used value)
    /// / 255, lut[i] = (step/2 + pixels below i) / step; a channel with one value (or step 0) is unchanged.</summary>
    public static ImageBuffer Equalize(ImageBuffer image) => ApplyLut(image, histogram =>
    {
        var lut = new byte[256];
        long[] used = histogram.Where(h => h != 0).ToArray();
        long step = used.Length <= 1 ? 0 : (used.Sum() - used[^1]) / 255;
        if (step == 0)
        {
            for (int i = 0; i < 256; i++) lut[i] = (byte)i;
            return lut;
        }
        long n = step / 2;
        for (int i = 0; i < 256; i++)
        {
            lut[i] = (byte)Math.Min(n / step, 255);
            n += histogram[i];
        }
        return lut;
    });

    /// <summary>Applies a lookup table built per colour channel from that channel's histogram.</summary>
    private static ImageBuffer ApplyLut(ImageBuffer image, Func<long[], byte[]> lutForHistogram)
    {
        ArgumentNullException.ThrowIfNull(image);
        int c = image.Channels, colour = c == 4 ? 3 : c;
        byte[] src = image.Pixels;
        var output = new ImageBuffer(image.Width, image.Height, c);
        byte[] dst = output.Pixels;
        if (c == 4) for (int i = 3; i < src.Length; i += 4) dst[i] = src[i];
        for (int ch = 0; ch < colour; ch++)
        {
            var histogram = new long[256];
            for (int i = ch; i < src.Length; i += c) histogram[src[i]]++;
            byte[] lut = lutForHistogram(histogram);
            for (int i = ch; i < src.Length; i += c) dst[i] = lut[src[i]];
        }
        return output;
    }
}
