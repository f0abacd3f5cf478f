using System.Runtime.InteropServices;
using ModelZoo.Core.IO;
using SkiaSharp;

namespace ModelZoo.Data.Imaging;

/// <summary>
/// Encodes <see cref="ImageBuffer"/>s as PNG (lossless; L → grey, RGB → RGB, RGBA → RGBA) or JPEG (4:2:0, alpha
/// ignored) with SkiaSharp. Files are written to a temporary file in the target folder and then renamed over the
/// target, so a reader never sees a half-written image.
/// </summary>
public static class ImageEncoder
{
    /// <summary>PNG bytes of <paramref name="image"/>.</summary>
    public static byte[] EncodePng(ImageBuffer image)
    {
        using SKData data = Encode(image, pixmap => pixmap.Encode(SKPngEncoderOptions.Default));
        return data.ToArray();
    }

    /// <summary>PNG bytes of a rendered <paramref name="bitmap"/> (plots, grids, charts).</summary>
    internal static byte[] EncodePng(SKBitmap bitmap)
    {
        using SKImage image = SKImage.FromBitmap(bitmap);
        using SKData data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>JPEG bytes of <paramref name="image"/> at <paramref name="quality"/> 1–100 (Pillow's default is 75).</summary>
    public static byte[] EncodeJpeg(ImageBuffer image, int quality = 75)
    {
        CheckQuality(quality);
        var options = new SKJpegEncoderOptions(quality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore);
        using SKData data = Encode(image, pixmap => pixmap.Encode(options));
        return data.ToArray();
    }

    /// <summary>Writes <paramref name="image"/> as a PNG file (temporary file + rename); the folder must exist.</summary>
    public static void SavePng(ImageBuffer image, string path) => AtomicFile.WriteAllBytes(path, EncodePng(image), createDirectory: false);

    /// <summary>Writes <paramref name="image"/> as a JPEG file at <paramref name="quality"/> 1–100 (temporary file + rename);
    /// the folder must exist.</summary>
    public static void SaveJpeg(ImageBuffer image, string path, int quality = 75)
    {
        CheckQuality(quality);
        AtomicFile.WriteAllBytes(path, EncodeJpeg(image, quality), createDirectory: false);
    }

    private static void CheckQuality(int quality)
    {
        if (quality is < 1 or > 100)
            throw new ArgumentOutOfRangeException(nameof(quality), quality, "JPEG quality must be between 1 and 100.");
    }

    private static SKData Encode(ImageBuffer image, Func<SKPixmap, SKData?> encode)
    {
        ArgumentNullException.ThrowIfNull(image);
        (byte[] pixels, SKImageInfo info) = image.Channels switch
        {
            1 => (image.Pixels, new SKImageInfo(image.Width, image.Height, SKColorType.Gray8, SKAlphaType.Opaque)),
            3 => (ToRgbx(image), new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque)),
            _ => (image.Pixels, new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul)),
        };
        GCHandle handle = GCHandle.Alloc(pixels, GCHandleType.Pinned);
        try
        {
            using var pixmap = new SKPixmap(info, handle.AddrOfPinnedObject(), info.RowBytes);
            return encode(pixmap) ?? throw new InvalidOperationException($"SkiaSharp could not encode the {image} image.");
        }
        finally
        {
            handle.Free();
        }
    }

    private static byte[] ToRgbx(ImageBuffer image)
    {
        int n = image.Width * image.Height;
        var rgbx = new byte[n * 4];
        byte[] src = image.Pixels;
        for (int i = 0; i < n; i++)
        {
            rgbx[4 * i] = src[3 * i];
            rgbx[4 * i + 1] = src[3 * i + 1];
            rgbx[4 * i + 2] = src[3 * i + 2];
            rgbx[4 * i + 3] = 255;
        }
        return rgbx;
    }
}
