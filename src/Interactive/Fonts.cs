using SkiaSharp;

namespace ModelZoo.Interactive;

/// <summary>A sans-serif typeface that exists on Linux, Windows and macOS.</summary>
internal static class Fonts
{
    public static SKTypeface Sans(bool bold = false)
    {
        SKFontStyle style = bold ? SKFontStyle.Bold : SKFontStyle.Normal;
        foreach (string family in new[] { "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Segoe UI" })
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
