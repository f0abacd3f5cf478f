using SkiaSharp;

namespace ModelZoo.Data.Imaging;

/// <summary>The sans-serif typeface every rendered label uses (plots, CAM grids, notebook charts): the first of
/// DejaVu Sans, Liberation Sans, Arial, Helvetica, Segoe UI and the generic "sans-serif" the system has, else Skia's
/// default face (often a serif).</summary>
internal static class SkiaFonts
{
    private static readonly string[] Families = ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Segoe UI", "sans-serif"];

    /// <summary>The sans-serif face in <paramref name="style"/>; the caller disposes it.</summary>
    public static SKTypeface Sans(SKFontStyle style)
    {
        foreach (string family in Families)
            if (SKFontManager.Default.MatchFamily(family, style) is { } face) return face;
        return SKTypeface.FromFamilyName(null, style);
    }
}
