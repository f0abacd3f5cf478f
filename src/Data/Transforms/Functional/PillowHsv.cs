namespace ModelZoo.Data.Transforms.Functional;

/// <summary>Pillow's 8-bit RGB ↔ HSV conversions (libImaging/Convert.c, after colorsys), reproduced with the same
/// float/double steps so that hue adjustment matches torchvision's PIL path.</summary>
internal static class PillowHsv
{
    public static (byte H, byte S, byte V) FromRgb(byte r, byte g, byte b)
    {
        byte max = Math.Max(r, Math.Max(g, b)), min = Math.Min(r, Math.Min(g, b));
        if (max == min) return (0, 0, max);
        float cr = max - min;
        float s = cr / max;
        float rc = (max - r) / cr, gc = (max - g) / cr, bc = (max - b) / cr;
        float h = r == max ? bc - gc : g == max ? (float)(2.0 + rc - bc) : (float)(4.0 + gc - rc);
        h = (float)((h / 6.0 + 1.0) % 1.0);
        return (Clip((int)(h * 255.0)), Clip((int)(s * 255.0)), max);
    }

    public static (byte R, byte G, byte B) ToRgb(byte h, byte s, byte v)
    {
        if (s == 0) return (v, v, v);
        int i = (int)Math.Floor((float)h * 6.0 / 255.0);
        float f = (float)((float)h * 6.0 / 255.0 - (float)i);
        float fs = (float)(s / 255.0);
        byte p = Clip((int)Math.Round(v * (1.0 - fs), MidpointRounding.AwayFromZero));
        byte q = Clip((int)Math.Round(v * (1.0 - fs * f), MidpointRounding.AwayFromZero));
        byte t = Clip((int)Math.Round(v * (1.0 - fs * (1.0 - f)), MidpointRounding.AwayFromZero));
        return (i % 6) switch
        {
            0 => (v, t, p),
            1 => (q, v, p),
            2 => (p, v, t),
            3 => (p, q, v),
            4 => (t, p, v),
            _ => (v, p, q),
        };
    }

    private static byte Clip(int v) => v <= 0 ? (byte)0 : v >= 255 ? (byte)255 : (byte)v;
}
