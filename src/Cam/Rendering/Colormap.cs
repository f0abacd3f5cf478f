namespace ModelZoo.Cam.Rendering;

/// <summary>
/// A colormap as a 256-entry lookup table: <see cref="Jet"/> (matplotlib's piecewise-linear segments, the default),
/// <see cref="Viridis"/> and <see cref="Inferno"/> (degree-6 polynomial fits of matplotlib's tables, within about 6/255)
/// and <see cref="Turbo"/> (Google's degree-5 polynomial approximation).
/// </summary>
public sealed class Colormap
{
    private readonly byte[] _table = new byte[256 * 3];

    private Colormap(string name, Func<double, (double R, double G, double B)> color)
    {
        Name = name;
        for (int i = 0; i < 256; i++)
        {
            (double r, double g, double b) = color(i / 255.0);
            _table[3 * i] = ToByte(r);
            _table[3 * i + 1] = ToByte(g);
            _table[3 * i + 2] = ToByte(b);
        }
    }

    public string Name { get; }

    /// <summary>The colour of <paramref name="value"/> in [0, 1] (clamped; NaN reads as 0).</summary>
    public (byte R, byte G, byte B) this[double value]
    {
        get
        {
            int i = double.IsNaN(value) ? 0 : (int)Math.Round(Math.Clamp(value, 0, 1) * 255);
            return (_table[3 * i], _table[3 * i + 1], _table[3 * i + 2]);
        }
    }

    public static Colormap Jet { get; } = new("jet", t => (
        Segments(t, (0, 0), (0.35, 0), (0.66, 1), (0.89, 1), (1, 0.5)),
        Segments(t, (0, 0), (0.125, 0), (0.375, 1), (0.64, 1), (0.91, 0), (1, 0)),
        Segments(t, (0, 0.5), (0.11, 1), (0.34, 1), (0.65, 0), (1, 0))));

    public static Colormap Viridis { get; } = new("viridis", t => Polynomial(t,
        new[] { 0.2777273272234177, 0.1050930431085774, -0.3308618287255563, -4.634230498983486, 6.228269936347081, 4.776384997670288, -5.435455855934631 },
        new[] { 0.005407344544966578, 1.404613529898575, 0.214847559468213, -5.799100973351585, 14.17993336680509, -13.74514537774601, 4.645852612178535 },
        new[] { 0.3340998053353061, 1.384590162594685, 0.09509516302823659, -19.33244095627987, 56.69055260068105, -65.35303263337234, 26.3124352495832 }));

    public static Colormap Inferno { get; } = new("inferno", t => Polynomial(t,
        new[] { 0.0002189403691192265, 0.1065134194856116, 11.60249308247187, -41.70399613139459, 77.162935699427, -71.31942824499214, 25.13112622477341 },
        new[] { 0.001651004631001012, 0.5639564367884091, -3.972853965665698, 17.43639888205313, -33.40235894210092, 32.62606426397723, -12.24266895238567 },
        new[] { -0.01948089843709184, 3.932712388889277, -15.9423941062914, 44.35414519872813, -81.80730925738993, 73.20951985803202, -23.07032500287172 }));

    public static Colormap Turbo { get; } = new("turbo", t => Polynomial(t,
        new[] { 0.13572138, 4.61539260, -42.66032258, 132.13108234, -152.94239396, 59.28637943 },
        new[] { 0.09140261, 2.19418839, 4.84296658, -14.18503333, 4.27729857, 2.82956604 },
        new[] { 0.10667330, 12.64194608, -60.58204836, 110.36276771, -89.90310912, 27.34824973 }));

    /// <summary>jet, viridis, inferno, turbo.</summary>
    public static IReadOnlyList<string> Names { get; } = new[] { "jet", "viridis", "inferno", "turbo" };

    /// <summary>The colormap called <paramref name="name"/> (case-insensitive).</summary>
    public static Colormap Get(string name) => name?.Trim().ToLowerInvariant() switch
    {
        "jet" => Jet,
        "viridis" => Viridis,
        "inferno" => Inferno,
        "turbo" => Turbo,
        _ => throw new ArgumentException($"Unknown colormap '{name}'. Expected one of: {string.Join(", ", Names)}.", nameof(name)),
    };

    public override string ToString() => Name;

    private static byte ToByte(double v) => (byte)Math.Round(Math.Clamp(v, 0, 1) * 255);

    private static double Segments(double t, params (double X, double Y)[] points)
    {
        for (int i = 1; i < points.Length; i++)
            if (t <= points[i].X)
                return points[i - 1].Y + (points[i].Y - points[i - 1].Y) * (t - points[i - 1].X) / (points[i].X - points[i - 1].X);
        return points[^1].Y;
    }

    private static (double, double, double) Polynomial(double t, double[] r, double[] g, double[] b) => (Horner(t, r), Horner(t, g), Horner(t, b));

    private static double Horner(double t, double[] c)
    {
        double v = 0;
        for (int i = c.Length - 1; i >= 0; i--) v = v * t + c[i];
        return v;
    }
}
