namespace ModelZoo.Training.Precision;

/// <summary>Settings of <see cref="DynamicLossScaler"/>; the defaults are PyTorch's <c>GradScaler</c> defaults.</summary>
public sealed record DynamicLossScalerOptions
{
    /// <summary>Scale before the first step (default 2^16).</summary>
    public double InitScale { get; init; } = 65536.0;

    /// <summary>Factor applied after <see cref="GrowthInterval"/> consecutive finite steps (default 2).</summary>
    public double GrowthFactor { get; init; } = 2.0;

    /// <summary>Factor applied when a step has non-finite gradients (default 0.5).</summary>
    public double BackoffFactor { get; init; } = 0.5;

    /// <summary>Consecutive finite steps before the scale grows (default 2000).</summary>
    public int GrowthInterval { get; init; } = 2000;

    internal void Validate()
    {
        if (!(InitScale > 0) || double.IsInfinity(InitScale))
            throw new ArgumentOutOfRangeException(nameof(InitScale), InitScale, "InitScale must be a finite number > 0.");
        if (!(GrowthFactor > 1)) throw new ArgumentOutOfRangeException(nameof(GrowthFactor), GrowthFactor, "GrowthFactor must be > 1.");
        if (!(BackoffFactor > 0 && BackoffFactor < 1))
            throw new ArgumentOutOfRangeException(nameof(BackoffFactor), BackoffFactor, "BackoffFactor must be in (0, 1).");
        if (GrowthInterval < 1) throw new ArgumentOutOfRangeException(nameof(GrowthInterval), GrowthInterval, "GrowthInterval must be >= 1.");
    }
}
