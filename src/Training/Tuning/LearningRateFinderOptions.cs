namespace ModelZoo.Training.Tuning;

/// <summary>Settings of <see cref="LearningRateFinder"/>; the defaults are fastai's <c>lr_find</c>.</summary>
public sealed record LearningRateFinderOptions
{
    /// <summary>Rate of the first step (default 1e-7).</summary>
    public double StartLearningRate { get; init; } = 1e-7;

    /// <summary>Rate of the last step (default 10); the rates in between grow geometrically.</summary>
    public double EndLearningRate { get; init; } = 10;

    /// <summary>Steps of the sweep (default 100); the data is cycled when it has fewer batches.</summary>
    public int Iterations { get; init; } = 100;

    /// <summary>Stop once the smoothed loss exceeds <see cref="DivergenceFactor"/> × its minimum (or is not finite) (default true).</summary>
    public bool StopOnDivergence { get; init; } = true;

    /// <summary>Default 4, as fastai.</summary>
    public double DivergenceFactor { get; init; } = 4;

    /// <summary>β of fastai's running average of the loss, debiased as in Adam (default 0.98); it decides divergence.</summary>
    public double Smoothing { get; init; } = 0.98;

    /// <summary>β of the zero-phase smoothing behind the plotted curve and the suggestion; null (default) = 1 − 10 / <see cref="Iterations"/>
    /// (0.9 for 100 steps: a window of a tenth of the sweep).</summary>
    public double? CurveSmoothing { get; init; }

    internal double CurveBeta => CurveSmoothing ?? Math.Clamp(1 - 10.0 / Iterations, 0.5, 0.99);

    internal void Validate()
    {
        if (!(StartLearningRate > 0) || double.IsInfinity(StartLearningRate))
            throw new ArgumentOutOfRangeException(nameof(StartLearningRate), StartLearningRate, "The start rate must be a finite number > 0.");
        if (!(EndLearningRate > StartLearningRate) || double.IsInfinity(EndLearningRate))
            throw new ArgumentOutOfRangeException(nameof(EndLearningRate), EndLearningRate, "The end rate must be finite and larger than the start rate.");
        if (Iterations < 5 || Iterations > 100_000)
            throw new ArgumentOutOfRangeException(nameof(Iterations), Iterations, "Iterations must be between 5 and 100000.");
        if (!(DivergenceFactor > 1)) throw new ArgumentOutOfRangeException(nameof(DivergenceFactor), DivergenceFactor, "The divergence factor must be > 1.");
        if (!(Smoothing >= 0 && Smoothing < 1)) throw new ArgumentOutOfRangeException(nameof(Smoothing), Smoothing, "Smoothing must be in [0, 1).");
        if (CurveSmoothing is { } c && !(c >= 0 && c < 1)) throw new ArgumentOutOfRangeException(nameof(CurveSmoothing), c, "CurveSmoothing must be in [0, 1).");
    }
}
