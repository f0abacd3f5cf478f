namespace ModelZoo.Interactive;

/// <summary>Maps a value in [0, 1] to RGB by linear interpolation between a few anchor colours.</summary>
internal static class Colormaps
{
    private static readonly (double, byte, byte, byte)[] ViridisAnchors =
    {
        (0.00, 68, 1, 84), (0.13, 71, 44, 122), (0.25, 59, 81, 139), (0.38, 44, 113, 142), (0.50, 33, 144, 141),
        (0.63, 39, 173, 129), (0.75, 92, 200, 99), (0.88, 170, 220, 50), (1.00, 253, 231, 37),
    };

    private static readonly (double, byte, byte, byte)[] JetAnchors =
    {
        (0.00, 0, 0, 128), (0.11, 0, 0, 255), (0.36, 0, 255, 255), (0.62, 255, 255, 0), (0.89, 255, 0, 0), (1.00, 128, 0, 0),
    };

    private static readonly (double, byte, byte, byte)[] GrayAnchors = { (0.0, 0, 0, 0), (1.0, 255, 255, 255) };

    private static readonly (double, byte, byte, byte)[] DivergingAnchors = { (0.0, 33, 102, 172), (0.5, 247, 247, 247), (1.0, 178, 24, 43) };

    public static (byte R, byte G, byte B) Map(Colormap map, double t)
    {
        var anchors = map switch
        {
            Colormap.Viridis => ViridisAnchors,
            Colormap.Jet => JetAnchors,
            Colormap.Gray => GrayAnchors,
            Colormap.Diverging => DivergingAnchors,
            _ => throw new ArgumentOutOfRangeException(nameof(map), map, "Unknown colour map."),
        };
        t = double.IsFinite(t) ? Math.Clamp(t, 0, 1) : 0;
        for (int i = 1; i < anchors.Length; i++)
        {
            var (t1, r1, g1, b1) = anchors[i];
            if (t > t1) continue;
            var (t0, r0, g0, b0) = anchors[i - 1];
            double f = (t - t0) / (t1 - t0);
            return (Lerp(r0, r1, f), Lerp(g0, g1, f), Lerp(b0, b1, f));
        }
        var last = anchors[^1];
        return (last.Item2, last.Item3, last.Item4);
    }

    private static byte Lerp(byte a, byte b, double f) => (byte)Math.Round(a + (b - a) * f);
}
