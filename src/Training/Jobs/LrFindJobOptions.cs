using ModelZoo.Training.Tuning;

namespace ModelZoo.Training.Jobs;

/// <summary>Everything `modelzoo lr-find` can be told; the model, data and optimizer settings mean what they mean for
/// `modelzoo train`, the sweep's are <see cref="LearningRateFinderOptions"/>'s (fastai's defaults).</summary>
public sealed record LrFindJobOptions
{
    public string Model { get; init; } = "lenet5";
    public string Dataset { get; init; } = "synthetic";
    public string? DataDirectory { get; init; }

    /// <summary>Training items of the split; default the first 80 %.</summary>
    public IndexRange? TrainRange { get; init; }

    public string? Augment { get; init; }
    public int Workers { get; init; }
    public int BatchSize { get; init; } = 64;
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Sgd;
    public double WeightDecay { get; init; }
    public string Precision { get; init; } = "fp32";
    public long Seed { get; init; }
    public string? Device { get; init; }
    public int? Threads { get; init; }

    /// <summary>The sweep: start and end rate, steps, divergence stop.</summary>
    public LearningRateFinderOptions Finder { get; init; } = new();

    /// <summary>Where the loss-versus-rate PNG goes; null: none.</summary>
    public string? Plot { get; init; }
}
