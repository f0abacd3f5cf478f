namespace ModelZoo.Data.Transforms;

/// <summary>Draws from the per-sample <see cref="Random"/> (the only source of randomness a transform may use).</summary>
internal static class RandomDraw
{
    /// <summary>Uniform in [lo, hi).</summary>
    public static double Uniform(Random random, double lo, double hi) => lo + (hi - lo) * random.NextDouble();

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public static bool Chance(Random random, double p) => random.NextDouble() < p;

    /// <summary>One draw of torchvision's scale-and-ratio rectangle (the <c>get_params</c> of RandomResizedCrop and
    /// RandomErasing): a target area of <paramref name="area"/>·U(scale) and an aspect ratio exp(U(log ratio)); returns
    /// round(√(target·aspect)) and round(√(target/aspect)), rounded half to even as Python's <c>round</c>.</summary>
    public static (int AlongAspect, int AgainstAspect) ScaledRectangle(Random random, double area,
        (double Min, double Max) scale, (double Min, double Max) ratio)
    {
        double target = area * Uniform(random, scale.Min, scale.Max);
        double aspect = Math.Exp(Uniform(random, Math.Log(ratio.Min), Math.Log(ratio.Max)));
        return ((int)Math.Round(Math.Sqrt(target * aspect), MidpointRounding.ToEven),
            (int)Math.Round(Math.Sqrt(target / aspect), MidpointRounding.ToEven));
    }

    /// <summary>Standard normal (Box–Muller).</summary>
    public static double Normal(Random random)
    {
        double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Gamma(shape, 1) by Marsaglia and Tsang (shape &lt; 1 boosted by U^(1/shape)).</summary>
    public static double Gamma(Random random, double shape)
    {
        if (shape < 1.0) return Gamma(random, shape + 1.0) * Math.Pow(1.0 - random.NextDouble(), 1.0 / shape);
        double d = shape - 1.0 / 3.0, c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Normal(random);
                v = 1.0 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = 1.0 - random.NextDouble();
            if (u < 1.0 - 0.0331 * x * x * x * x || Math.Log(u) < 0.5 * x * x + d * (1.0 - v + Math.Log(v))) return d * v;
        }
    }

    /// <summary>Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b).</summary>
    public static double Beta(Random random, double a, double b)
    {
        double x = Gamma(random, a), y = Gamma(random, b);
        return x + y == 0 ? 0.5 : x / (x + y);
    }

    /// <summary>A random permutation of 0..n-1 (Fisher–Yates).</summary>
    public static int[] Permutation(Random random, int n)
    {
        int[] order = Enumerable.Range(0, n).ToArray();
        for (int i = n - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }
}
