using System.Runtime.InteropServices;
using ModelZoo.Data.Imaging;
using SkiaSharp;

namespace ModelZoo.Interactive;

/// <summary>Lays image tiles out in rows on a white canvas, with a caption under each tile.</summary>
internal static class GridRenderer
{
    private const int Gap = 4;

    public static PngImage Render(IReadOnlyList<ImageBuffer> tiles, int columns, IReadOnlyList<string>? captions, string? caption)
    {
        if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), columns, "A grid needs at least one column.");
        columns = Math.Min(columns, tiles.Count);
        int rows = (tiles.Count + columns - 1) / columns;
        int tileW = tiles.Max(t => t.Width), tileH = tiles.Max(t => t.Height);
        using SKTypeface face = SkiaFonts.Sans(SKFontStyle.Normal);
        using var font = new SKFont(face, 11);
        int captionH = captions is null ? 0 : 14;
        int cellW = Math.Max(tileW, captions is null ? 0 : (int)Math.Ceiling(captions.Max(c => font.MeasureText(c)))) + Gap;
        int cellH = tileH + captionH + Gap;
        int width = columns * cellW + Gap, height = rows * cellH + Gap;
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            for (int i = 0; i < tiles.Count; i++)
            {
                float x = Gap + (i % columns) * cellW, y = Gap + (i / columns) * cellH;
                using SKBitmap tile = ToBitmap(tiles[i]);
                canvas.DrawBitmap(tile, x + (cellW - Gap - tiles[i].Width) / 2f, y);
                if (captions is not null)
                    canvas.DrawText(captions[i], x + (cellW - Gap) / 2f, y + tileH + 11, SKTextAlign.Center, font, paint);
            }
        }
        return new PngImage(ImageEncoder.EncodePng(bitmap), width, height, caption);
    }

    /// <summary>An RGBA bitmap of a grey, RGB or RGBA image buffer.</summary>
    public static SKBitmap ToBitmap(ImageBuffer image)
    {
        int n = image.Width * image.Height, c = image.Channels;
        var rgba = new byte[n * 4];
        for (int i = 0; i < n; i++)
        {
            rgba[4 * i] = image.Pixels[i * c];
            rgba[4 * i + 1] = image.Pixels[i * c + (c >= 3 ? 1 : 0)];
            rgba[4 * i + 2] = image.Pixels[i * c + (c >= 3 ? 2 : 0)];
            rgba[4 * i + 3] = c == 4 ? image.Pixels[i * c + 3] : (byte)255;
        }
        var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        Marshal.Copy(rgba, 0, bitmap.GetPixels(), rgba.Length);
        return bitmap;
    }
}
