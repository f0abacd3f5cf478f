using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms.Functional;

namespace ModelZoo.Data.Transforms;

/// <summary>
/// Random brightness, contrast, saturation and hue, applied in a random order (torchvision ColorJitter). A single value
/// v means factors uniform in [max(0, 1 − v), 1 + v] (hue: shifts in [−v, v], v ≤ 0.5); 0 disables that adjustment.
/// </summary>
public sealed class ColorJitter : Transform<ImageBuffer, ImageBuffer>
{
    public ColorJitter(double brightness = 0, double contrast = 0, double saturation = 0, double hue = 0)
        : this(Factor(brightness, nameof(brightness)), Factor(contrast, nameof(contrast)), Factor(saturation, nameof(saturation)), HueRange(hue)) { }

    /// <summary>Explicit ranges; null disables an adjustment.</summary>
    public ColorJitter((double Min, double Max)? brightness, (double Min, double Max)? contrast, (double Min, double Max)? saturation, (double Min, double Max)? hue)
    {
        Brightness = Normalise(brightness, nameof(brightness), 0, double.MaxValue, 1);
        Contrast = Normalise(contrast, nameof(contrast), 0, double.MaxValue, 1);
        Saturation = Normalise(saturation, nameof(saturation), 0, double.MaxValue, 1);
        Hue = Normalise(hue, nameof(hue), -0.5, 0.5, 0);
    }

    public (double Min, double Max)? Brightness { get; }
    public (double Min, double Max)? Contrast { get; }
    public (double Min, double Max)? Saturation { get; }
    public (double Min, double Max)? Hue { get; }

    /// <summary>The order of the four adjustments (0 brightness, 1 contrast, 2 saturation, 3 hue) and the drawn factors
    /// (null: not applied).</summary>
    public readonly record struct Params(int[] Order, double? Brightness, double? Contrast, double? Saturation, double? Hue);

    public Params MakeParams(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        int[] order = RandomDraw.Permutation(random, 4);
        double? Draw((double Min, double Max)? r) => r is { } v ? RandomDraw.Uniform(random, v.Min, v.Max) : null;
        double? b = Draw(Brightness), c = Draw(Contrast), s = Draw(Saturation), h = Draw(Hue);
        return new Params(order, b, c, s, h);
    }

    /// <summary>Stateless kernel: the adjustments with the given factors in the given order.</summary>
    public static ImageBuffer Apply(ImageBuffer input, Params p)
    {
        ArgumentNullException.ThrowIfNull(input);
        foreach (int fn in p.Order)
        {
            input = fn switch
            {
                0 when p.Brightness is { } b => ColorOps.AdjustBrightness(input, b),
                1 when p.Contrast is { } c => ColorOps.AdjustContrast(input, c),
                2 when p.Saturation is { } s => ColorOps.AdjustSaturation(input, s),
                3 when p.Hue is { } h => ColorOps.AdjustHue(input, h),
                _ => input,
            };
        }
        return input;
    }

    public override ImageBuffer Apply(ImageBuffer input, Random random) => Apply(input, MakeParams(random));

    private static (double, double)? Factor(double v, string name)
    {
        if (!(v >= 0) || double.IsInfinity(v))
            throw new ArgumentOutOfRangeException(name, v, $"ColorJitter {name} must be a non-negative number (factors in [max(0, 1-v), 1+v]).");
        return (Math.Max(0, 1 - v), 1 + v);
    }

    private static (double, double)? HueRange(double v)
    {
        if (!(v >= 0 && v <= 0.5)) throw new ArgumentOutOfRangeException("hue", v, "ColorJitter hue must be in [0, 0.5] (shifts in [-hue, hue]).");
        return (-v, v);
    }

    private static (double Min, double Max)? Normalise((double Min, double Max)? range, string name, double lo, double hi, double identity)
    {
        if (range is not { } r) return null;
        if (!(r.Min >= lo && r.Max <= hi && r.Min <= r.Max))
            throw new ArgumentOutOfRangeException(name, $"ColorJitter {name} range must satisfy {lo} <= min <= max <= {(hi == double.MaxValue ? "∞" : hi.ToString())}; got ({r.Min}, {r.Max}).");
        return r.Min == identity && r.Max == identity ? null : r;
    }

    public override string ToString() => $"ColorJitter(brightness={Brightness}, contrast={Contrast}, saturation={Saturation}, hue={Hue})";
}
