using ModelZoo.Training.Plots;

namespace ModelZoo.Training.Tuning;

/// <summary>
/// The sweep of <see cref="LearningRateFinder"/>: per step its rate, loss and smoothed loss. The suggestion is fastai's
/// "steep": the rate where the smoothed loss falls fastest against log(rate), ignoring the first 10 % of the steps and the
/// last 5; <see cref="MinimumLearningRate"/> is the rate of the lowest smoothed loss (fastai's "minimum" suggests a tenth of it).
/// </summary>
public sealed record LearningRateFinderResult(
    IReadOnlyList<double> LearningRates, IReadOnlyList<double> Losses, IReadOnlyList<double> SmoothedLosses, bool Diverged)
{
    /// <summary>The steepest-descent rate (the suggestion).</summary>
    public double SuggestedLearningRate { get; init; }

    /// <summary>The rate at the minimum of the smoothed loss.</summary>
    public double MinimumLearningRate { get; init; }

    /// <summary>Writes the loss-versus-rate plot (log x axis, suggestion marked) as a PNG.</summary>
    public void SavePlot(string path, int width = 800, int height = 480) => LearningRateFinderPlot.Save(this, path, width, height);

    /// <summary>Steepest descent and minimum of a sweep, as fastai computes them.</summary>
    internal static (double Steepest, double Minimum) Suggest(IReadOnlyList<double> rates, IReadOnlyList<double> smoothed)
    {
        int n = smoothed.Count;
        if (n < 2) return (rates.Count > 0 ? rates[0] : double.NaN, rates.Count > 0 ? rates[0] : double.NaN);
        int start = n / 10, end = Math.Max(start + 2, n - 5);
        if (end > n) (start, end) = (0, n);
        int minimum = Enumerable.Range(start, end - start).Where(i => double.IsFinite(smoothed[i])).DefaultIfEmpty(0).MinBy(i => smoothed[i]);
        int steepest = start;
        double best = double.PositiveInfinity;
        for (int i = start; i + 1 < end; i++)
        {
            double slope = (smoothed[i + 1] - smoothed[i]) / (Math.Log(rates[i + 1]) - Math.Log(rates[i]));
            if (double.IsFinite(slope) && slope < best) (best, steepest) = (slope, i);
        }
        return (rates[steepest], rates[minimum]);
    }
}
