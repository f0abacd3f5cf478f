namespace ModelZoo.Training.Plots;

/// <summary>A linear axis over [Min, Max] with "nice" ticks (1, 2 or 5 × 10^k apart).</summary>
internal sealed record AxisScale(double Min, double Max, double Step)
{
    public static AxisScale For(IEnumerable<double> values, int targetTicks = 5, bool integers = false)
    {
        double[] finite = values.Where(double.IsFinite).ToArray();
        double lo = finite.Length == 0 ? 0 : finite.Min(), hi = finite.Length == 0 ? 1 : finite.Max();
        if (hi - lo < 1e-12)
        {
            double pad = Math.Max(Math.Abs(lo) * 0.05, integers ? 1 : 0.01);
            lo -= pad;
            hi += pad;
        }
        double step = NiceStep((hi - lo) / targetTicks);
        if (integers) step = Math.Max(1, Math.Round(step));
        return new AxisScale(Math.Floor(lo / step) * step, Math.Ceiling(hi / step) * step, step);
    }

    public IEnumerable<double> Ticks()
    {
        for (int i = 0; Min + i * Step <= Max + Step * 1e-9; i++) yield return Min + i * Step;
    }

    /// <summary>Fraction of the way from Min to Max.</summary>
    public double Fraction(double value) => (value - Min) / (Max - Min);

    public string Label(double value)
    {
        int decimals = Math.Max(0, (int)Math.Ceiling(-Math.Log10(Step) - 1e-9));
        return value.ToString("F" + Math.Min(decimals, 6), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static double NiceStep(double raw)
    {
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double f = raw / magnitude;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
    }
}
