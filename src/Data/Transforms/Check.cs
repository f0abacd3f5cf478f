using ModelZoo.Core.Preprocessing;

namespace ModelZoo.Data.Transforms;

/// <summary>Parameter validation shared by the transforms; every message names the parameter and the expected form.</summary>
internal static class Check
{
    public static double Probability(double p, string name = "p")
    {
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(name, p, $"{name} must be a probability in [0, 1].");
        return p;
    }

    public static (int Height, int Width) Size(int height, int width, string name = "size")
    {
        if (height < 1 || width < 1)
            throw new ArgumentOutOfRangeException(name, $"{name} must be positive; got {height}x{width} (height x width).");
        return (height, width);
    }

    /// <summary>A (min, max) range with min ≤ max, both finite and ≥ <paramref name="lowest"/>.</summary>
    public static (double Min, double Max) Range((double Min, double Max) range, string name, double lowest = double.NegativeInfinity)
    {
        if (double.IsNaN(range.Min) || double.IsNaN(range.Max) || double.IsInfinity(range.Min) || double.IsInfinity(range.Max)
            || range.Min > range.Max || range.Min < lowest)
            throw new ArgumentOutOfRangeException(name,
                $"{name} must be a range (min, max) with min <= max{(double.IsNegativeInfinity(lowest) ? "" : $" and min >= {lowest}")}; got ({range.Min}, {range.Max}).");
        return range;
    }

    /// <summary>A single value v ≥ 0 meaning (−v, v).</summary>
    public static (double Min, double Max) Symmetric(double value, string name)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} as a single number must be non-negative (it means the range (-{name}, +{name})).");
        return (-value, value);
    }

    /// <summary>An interpolation the Pillow-style warps support (nearest, bilinear, bicubic).</summary>
    public static Interpolation WarpInterpolation(Interpolation interpolation, string owner)
    {
        if (interpolation is not (Interpolation.Nearest or Interpolation.Bilinear or Interpolation.Bicubic))
            throw new ArgumentException($"{owner} supports nearest, bilinear and bicubic; got {interpolation}.", nameof(interpolation));
        return interpolation;
    }

    public static ITransform[] Transforms(ITransform[] transforms, string owner)
    {
        ArgumentNullException.ThrowIfNull(transforms);
        if (transforms.Length == 0) throw new ArgumentException($"{owner} needs at least one transform.", nameof(transforms));
        for (int i = 0; i < transforms.Length; i++)
            if (transforms[i] is null) throw new ArgumentNullException(nameof(transforms), $"{owner}: transform {i} is null.");
        return transforms;
    }

    /// <summary>Every transform maps the same type to itself (needed when transforms may be skipped or reordered).</summary>
    public static Type SameTypeEndomorphisms(ITransform[] transforms, string owner)
    {
        Type t = transforms[0].InputType;
        for (int i = 0; i < transforms.Length; i++)
            if (transforms[i].InputType != t || transforms[i].OutputType != t)
                throw new ArgumentException(
                    $"{owner} needs transforms that map {t.Name} to {t.Name}; transform {i} ({transforms[i]}) maps {transforms[i].InputType.Name} to {transforms[i].OutputType.Name}.",
                    nameof(transforms));
        return t;
    }
}
