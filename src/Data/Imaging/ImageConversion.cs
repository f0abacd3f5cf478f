namespace ModelZoo.Data.Imaging;

/// <summary>Mode conversions between L, RGB and RGBA with Pillow's rules: RGB(A) → L uses Pillow's fixed-point
/// ITU-R 601-2 luma (rounded), alpha is dropped without compositing, L → RGB repeats the value, added alpha is 255.</summary>
public static class ImageConversion
{
    /// <summary>Pillow's luma: (R·19595 + G·38470 + B·7471 + 32768) >> 16 (= R·299/1000 + G·587/1000 + B·114/1000, rounded).</summary>
    public static byte Luma(byte r, byte g, byte b) => (byte)((r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16);

    /// <summary>The image in <paramref name="mode"/>; returns <paramref name="image"/> itself when it already is.</summary>
    public static ImageBuffer ToMode(ImageBuffer image, ImageMode mode)
    {
        ArgumentNullException.ThrowIfNull(image);
        int to = (int)mode;
        if (to is not (1 or 3 or 4)) throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown image mode.");
        if (image.Channels == to) return image;
        return FromInterleaved(image.Pixels, image.Width, image.Height, image.Channels, mode);
    }

    /// <summary>Converts interleaved 1-, 3- or 4-channel bytes to a new image of <paramref name="mode"/>.</summary>
    internal static ImageBuffer FromInterleaved(byte[] src, int width, int height, int channels, ImageMode mode)
    {
        int to = (int)mode, n = width * height;
        var output = new ImageBuffer(width, height, to);
        byte[] dst = output.Pixels;
        if (channels == to)
        {
            Buffer.BlockCopy(src, 0, dst, 0, n * to);
            return output;
        }
        if (channels == 4 && to == 3)
        {
            for (int s = 0, d = 0; d < dst.Length; s += 4, d += 3)
            {
                dst[d] = src[s];
                dst[d + 1] = src[s + 1];
                dst[d + 2] = src[s + 2];
            }
            return output;
        }
        for (int i = 0, s = 0, d = 0; i < n; i++, s += channels, d += to)
        {
            byte r = src[s], g, b, a;
            if (channels == 1) { g = r; b = r; a = 255; }
            else { g = src[s + 1]; b = src[s + 2]; a = channels == 4 ? src[s + 3] : (byte)255; }
            switch (to)
            {
                case 1:
                    dst[d] = channels == 1 ? r : Luma(r, g, b);
                    break;
                case 3:
                    dst[d] = r; dst[d + 1] = g; dst[d + 2] = b;
                    break;
                default:
                    dst[d] = r; dst[d + 1] = g; dst[d + 2] = b; dst[d + 3] = a;
                    break;
            }
        }
        return output;
    }
}
