using ModelZoo.Data.Imaging;
using SkiaSharp;

namespace ModelZoo.Cam.Rendering;

/// <summary>
/// Several images side by side with a label above each (e.g. one overlay per method or per class), on a white
/// background: <c>CamGrid.Render(new[] { (overlayA, "gradcam: tabby 0.61"), (overlayB, "scorecam: tabby 0.61") })</c>.
/// Every tile is scaled to the first tile's size, itself scaled down to <c>maxTileSide</c> pixels when given.
/// </summary>
public static class CamGrid
{
    /// <summary>Height of the label band above each tile, in pixels.</summary>
    public const int LabelHeight = 22;

    /// <summary>Gap between tiles and around the grid, in pixels.</summary>
    public const int Gap = 6;

    /// <summary>The grid as an RGB image; <paramref name="columns"/> 0 = all tiles in one row up to 4, then wrap;
    /// <paramref name="maxTileSide"/> 0 = tiles at the first tile's full size.</summary>
    public static ImageBuffer Render(IReadOnlyList<(ImageBuffer Image, string Label)> tiles, int columns = 0, int maxTileSide = 0)
    {
        ArgumentNullException.ThrowIfNull(tiles);
        if (tiles.Count == 0) throw new ArgumentException("A grid needs at least one tile.", nameof(tiles));
        if (columns < 0) throw new ArgumentOutOfRangeException(nameof(columns), columns, "columns must be >= 0 (0 = automatic).");
        if (maxTileSide < 0) throw new ArgumentOutOfRangeException(nameof(maxTileSide), maxTileSide, "maxTileSide must be >= 0 (0 = full size).");
        int cols = columns == 0 ? Math.Min(tiles.Count, 4) : Math.Min(columns, tiles.Count);
        int rows = (tiles.Count + cols - 1) / cols;
        int tileW = tiles[0].Image.Width, tileH = tiles[0].Image.Height;
        if (maxTileSide > 0 && Math.Max(tileW, tileH) > maxTileSide)
        {
            double scale = (double)maxTileSide / Math.Max(tileW, tileH);
            (tileW, tileH) = (Math.Max(1, (int)Math.Round(tileW * scale)), Math.Max(1, (int)Math.Round(tileH * scale)));
        }
        int width = Gap + cols * (tileW + Gap), height = Gap + rows * (LabelHeight + tileH + Gap);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using SKTypeface face = SkiaFonts.Sans(SKFontStyle.Normal);
            using var font = new SKFont(face, 13);
            using var text = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            var sampling = new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear);
            for (int i = 0; i < tiles.Count; i++)
            {
                (ImageBuffer image, string label) = tiles[i];
                ArgumentNullException.ThrowIfNull(image, nameof(tiles));
                float left = Gap + i % cols * (tileW + Gap), top = Gap + i / cols * (LabelHeight + tileH + Gap);
                canvas.DrawText(Fit(label ?? "", font, tileW), left + tileW / 2f, top + LabelHeight - 7, SKTextAlign.Center, font, text);
                using SKBitmap tile = SkiaImages.ToBitmap(image);
                using SKImage tileImage = SKImage.FromBitmap(tile);
                canvas.DrawImage(tileImage, new SKRect(left, top + LabelHeight, left + tileW, top + LabelHeight + tileH), sampling);
            }
        }
        return SkiaImages.FromBitmap(bitmap);
    }

    /// <summary>The label, shortened with an ellipsis to fit <paramref name="width"/> pixels.</summary>
    private static string Fit(string label, SKFont font, int width)
    {
        if (font.MeasureText(label) <= width) return label;
        while (label.Length > 1 && font.MeasureText(label + "…") > width) label = label[..^1];
        return label + "…";
    }
}
