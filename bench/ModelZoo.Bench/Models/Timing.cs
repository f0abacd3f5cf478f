using System.Diagnostics;

namespace ModelZoo.Bench.Models;

/// <summary>How long to measure one row on one side: warm-up iterations, then at least <see cref="MinIterations"/> and
/// until <see cref="TargetSeconds"/> have passed (at most <see cref="MaxIterations"/>). bench.py applies the same rule.
/// <see cref="Warmup"/> 0 (a later round of a row whose model is already warm) times from the first iteration.</summary>
internal sealed record Timing(int Warmup, int MinIterations, double TargetSeconds, int MaxIterations)
{
    public static Timing Full { get; } = new(2, 3, 3.0, 25);
    public static Timing Quick { get; } = new(1, 2, 0.0, 2);

    /// <summary><c>models --acceptance</c>: one warm-up (first round only), then exactly two iterations per round.</summary>
    public static Timing Acceptance { get; } = new(1, 2, 0.0, 2);

    /// <summary>This rule without warm-up (for rounds after the first, when the configuration stays built).</summary>
    public Timing Warm => this with { Warmup = 0 };

    /// <summary>Per-iteration wall seconds of <paramref name="step"/>; a warm-up slower than a minute counts as the only
    /// warm-up and is followed by the minimum iterations only.</summary>
    public double[] Measure(Action step)
    {
        var clock = Stopwatch.StartNew();
        bool slow = false;
        if (Warmup > 0)
        {
            step();
            slow = clock.Elapsed.TotalSeconds > 60;
        }
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
