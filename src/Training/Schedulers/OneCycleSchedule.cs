namespace ModelZoo.Training.Schedulers;

/// <summary>
/// fastai's one-cycle policy (<c>fit_one_cycle</c>) with its defaults; the base rate is the peak (lr_max). Over the first
/// <see cref="PctStart"/> of the run the rate rises on a cosine from lr_max / <see cref="DivFactor"/> to lr_max, then
/// falls on a cosine to lr_max / <see cref="FinalDivFactor"/>; the momentum (β₁ for Adam) moves the opposite way,
/// 0.95 → 0.85 → 0.95. Positions are t / T with t the optimizer steps taken (per step by default).
/// </summary>
public sealed class OneCycleSchedule : LearningRateScheduler
{
    public OneCycleSchedule(double pctStart = 0.25, double divFactor = 25, double finalDivFactor = 1e5,
        (double High, double Low)? momentum = null, ScheduleInterval interval = ScheduleInterval.Step, double warmupEpochs = 0)
        : base(interval, warmupEpochs)
    {
        if (!(pctStart > 0 && pctStart < 1)) throw new ArgumentOutOfRangeException(nameof(pctStart), pctStart, "pct_start must be in (0, 1).");
        if (!(divFactor >= 1)) throw new ArgumentOutOfRangeException(nameof(divFactor), divFactor, "div must be >= 1.");
        if (!(finalDivFactor >= 1)) throw new ArgumentOutOfRangeException(nameof(finalDivFactor), finalDivFactor, "div_final must be >= 1.");
        (double high, double low) = momentum ?? (0.95, 0.85);
        if (!(low >= 0 && high < 1 && low <= high)) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Momenta must satisfy 0 <= low <= high < 1.");
        PctStart = pctStart;
        DivFactor = divFactor;
        FinalDivFactor = finalDivFactor;
        MomentumRange = (high, low);
    }

    public double PctStart { get; }
    public double DivFactor { get; }
    public double FinalDivFactor { get; }

    /// <summary>Momentum at the ends of the cycle (High) and at the peak rate (Low); fastai's (0.95, 0.85).</summary>
    public (double High, double Low) MomentumRange { get; }

    protected override double Factor(long t, long total) => Combined((double)t / total, 1 / DivFactor, 1, 1 / FinalDivFactor);

    /// <summary>Only for optimizers created with momentum (SGD/Nesterov with momentum &gt; 0, Adam, AdamW).</summary>
    protected override double? Momentum(long t, long total, double baseMomentum) =>
        baseMomentum > 0 ? Combined((double)t / total, MomentumRange.High, MomentumRange.Low, MomentumRange.High) : null;

    /// <summary>fastai's combined_cos: SchedCos(a, b) over [0, pct), then SchedCos(b, c) over [pct, 1].</summary>
    private double Combined(double pos, double a, double b, double c) => pos < PctStart
        ? Cos(a, b, pos / PctStart)
        : Cos(b, c, (pos - PctStart) / (1 - PctStart));

    /// <summary>fastai's SchedCos: start + (1 + cos(π(1 − pos)))·(end − start)/2.</summary>
    private static double Cos(double start, double end, double pos) => start + (1 + Math.Cos(Math.PI * (1 - pos))) * (end - start) / 2;
}
