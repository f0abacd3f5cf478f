using ModelZoo.Training.Plots;

namespace ModelZoo.Training.Tuning;

/// <summary>
/// The sweep of <see cref="LearningRateFinder"/>: per step its rate, loss and smoothed loss. The suggestion is fastai's
/// "steep": the rate where the smoothed loss falls fastest against log(rate), ignoring the first 10 % of the steps and the
/// last 5; <see cref="MinimumLearningRate"/> is the rate of the lowest smoothed loss (fastai's "minimum" suggests a tenth of it).
/// <see cref="SmoothedLosses"/> is a debiased exponential moving average run forwards and then backwards (zero phase),
/// with a window of a tenth of the sweep (<see cref="LearningRateFinderOptions.CurveSmoothing"/>). fastai's running
/// average (β = 0.98, used here only to detect divergence) lags β/(1 − β) ≈ 49 steps — half of a 100-step sweep, four
/// decades of rate — which moves its steep part next to the divergence: on LeNet-5/MNIST with AdamW it suggested 0.026,
/// a rate at which a 3-epoch run diverges, where the zero-phase curve suggests 2e-3 to 3e-3.
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

    /// <summary>The debiased moving average of <paramref name="losses"/> run forwards, then backwards over the result (zero
    /// phase: no shift along the sweep). Only the leading finite losses are smoothed; later entries are NaN.</summary>
    internal static double[] ZeroPhase(IReadOnlyList<double> losses, double beta)
    {
        int n = 0;
        while (n < losses.Count && double.IsFinite(losses[n])) n++;
        double[] forward = new double[n], result = Enumerable.Repeat(double.NaN, losses.Count).ToArray();
        double average = 0;
        for (int i = 0; i < n; i++)
        {
            average = beta * average + (1 - beta) * losses[i];
            forward[i] = average / (1 - Math.Pow(beta, i + 1));
        }
        average = 0;
        for (int k = 0; k < n; k++)
        {
            int i = n - 1 - k;
            average = beta * average + (1 - beta) * forward[i];
            result[i] = average / (1 - Math.Pow(beta, k + 1));
        }
        return result;
    }

    /// <summary>Steepest descent and minimum of a (smoothed) sweep, as fastai computes them.</summary>
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
