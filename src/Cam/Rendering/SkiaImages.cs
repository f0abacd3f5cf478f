using System.Runtime.InteropServices;
using ModelZoo.Data.Imaging;
using SkiaSharp;

namespace ModelZoo.Cam.Rendering;

/// <summary>Conversions between <see cref="ImageBuffer"/> and SkiaSharp bitmaps.</summary>
internal static class SkiaImages
{
    public static SKBitmap ToBitmap(ImageBuffer image)
    {
        ImageBuffer rgb = image.Channels == 3 ? image : ImageConversion.ToMode(image, ImageMode.Rgb);
        var rgba = new byte[rgb.Width * rgb.Height * 4];
        for (int i = 0, n = rgb.Width * rgb.Height; i < n; i++)
        {
            rgba[4 * i] = rgb.Pixels[3 * i];
            rgba[4 * i + 1] = rgb.Pixels[3 * i + 1];
            rgba[4 * i + 2] = rgb.Pixels[3 * i + 2];
            rgba[4 * i + 3] = 255;
        }
        var bitmap = new SKBitmap(new SKImageInfo(rgb.Width, rgb.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        Marshal.Copy(rgba, 0, bitmap.GetPixels(), rgba.Length);
        return bitmap;
    }

    public static ImageBuffer FromBitmap(SKBitmap bitmap)
    {
        using SKBitmap rgba = bitmap.ColorType == SKColorType.Rgba8888 ? bitmap.Copy() : bitmap.Copy(SKColorType.Rgba8888);
        var bytes = new byte[rgba.Width * rgba.Height * 4];
        Marshal.Copy(rgba.GetPixels(), bytes, 0, bytes.Length);
        var output = new ImageBuffer(rgba.Width, rgba.Height, 3);
        for (int i = 0, n = rgba.Width * rgba.Height; i < n; i++)
        {
            output.Pixels[3 * i] = bytes[4 * i];
            output.Pixels[3 * i + 1] = bytes[4 * i + 1];
            output.Pixels[3 * i + 2] = bytes[4 * i + 2];
        }
        return output;
    }
}
