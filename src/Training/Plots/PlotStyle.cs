using ModelZoo.Data.Imaging;
using SkiaSharp;

namespace ModelZoo.Training.Plots;

/// <summary>What the plots share: colours and a white canvas rendered to PNG (font and encoding come from
/// <see cref="SkiaFonts"/> and <see cref="ImageEncoder"/>).</summary>
internal static class PlotStyle
{
    public static readonly SKColor Text = new(40, 40, 40);
    public static readonly SKColor Axis = new(60, 60, 60);
    public static readonly SKColor Grid = new(225, 225, 225);

    /// <summary>PNG bytes of a white <paramref name="width"/>×<paramref name="height"/> canvas after <paramref name="draw"/>,
    /// which gets the body font (12 px) and the title font (bold, 14 px).</summary>
    public static byte[] RenderPng(int width, int height, Action<SKCanvas, SKFont, SKFont> draw)
    {
        using SKTypeface regular = SkiaFonts.Sans(SKFontStyle.Normal), bold = SkiaFonts.Sans(SKFontStyle.Bold);
        using var font = new SKFont(regular, 12);
        using var titleFont = new SKFont(bold, 14);
        return RenderPng(width, height, canvas => draw(canvas, font, titleFont));
    }

    /// <summary>PNG bytes of a white <paramref name="width"/>×<paramref name="height"/> canvas after <paramref name="draw"/>.</summary>
    public static byte[] RenderPng(int width, int height, Action<SKCanvas> draw)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            draw(canvas);
        }
        return ImageEncoder.EncodePng(bitmap);
    }
}
