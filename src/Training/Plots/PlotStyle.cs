using SkiaSharp;

namespace ModelZoo.Training.Plots;

/// <summary>What the plots share: the font face, colours and PNG encoding.</summary>
internal static class PlotStyle
{
    public static readonly SKColor Text = new(40, 40, 40);
    public static readonly SKColor Axis = new(60, 60, 60);
    public static readonly SKColor Grid = new(225, 225, 225);

    /// <summary>A sans-serif face when the system has one (Skia's default is often a serif).</summary>
    public static SKTypeface Typeface(SKFontStyle style)
    {
        foreach (string family in new[] { "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Segoe UI", "sans-serif" })
            if (SKFontManager.Default.MatchFamily(family, style) is { } face) return face;
        return SKTypeface.FromFamilyName(null, style);
    }

    public static byte[] EncodePng(SKBitmap bitmap)
    {
        using SKImage image = SKImage.FromBitmap(bitmap);
        using SKData data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
