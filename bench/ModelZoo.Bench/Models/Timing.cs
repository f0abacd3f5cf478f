using System.Diagnostics;

namespace ModelZoo.Bench.Models;

/// <summary>How long to measure one row on one side: warm-up iterations, then at least <see cref="MinIterations"/> and
/// until <see cref="TargetSeconds"/> have passed (at most <see cref="MaxIterations"/>). bench.py applies the same rule.</summary>
internal sealed record Timing(int Warmup, int MinIterations, double TargetSeconds, int MaxIterations)
{
    public static Timing Full { get; } = new(2, 3, 3.0, 25);
    public static Timing Quick { get; } = new(1, 2, 0.0, 2);

    /// <summary>Per-iteration wall seconds of <paramref name="step"/>; a warm-up slower than a minute counts as the only
    /// warm-up and is followed by the minimum iterations only.</summary>
    public double[] Measure(Action step)
    {
        var clock = Stopwatch.StartNew();
        step();
        bool slow = clock.Elapsed.TotalSeconds > 60;
        for (int i = 1; i < Warmup && !slow; i++) step();
        var seconds = new List<double>();
        clock.Restart();
        while (seconds.Count < MinIterations || (!slow && clock.Elapsed.TotalSeconds < TargetSeconds && seconds.Count < MaxIterations))
        {
            long t0 = Stopwatch.GetTimestamp();
            step();
            seconds.Add(Stopwatch.GetElapsedTime(t0).TotalSeconds);
        }
        return seconds.ToArray();
    }

    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return double.NaN;
        double[] sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
