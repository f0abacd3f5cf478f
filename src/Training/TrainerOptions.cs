using ModelZoo.Models;
using ModelZoo.Models.Layout;
using ModelZoo.Models.Transfer;
using ModelZoo.Training.Callbacks;

namespace ModelZoo.Training;

/// <summary>Options of <see cref="Trainer"/> with documented defaults.</summary>
public sealed record TrainerOptions
{
    /// <summary>Number of passes over the training set (default 5).</summary>
    public int Epochs { get; init; } = 5;

    /// <summary>Optimizer (default SGD with momentum).</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Sgd;

    /// <summary>Learning rate (default 0.01).</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>SGD momentum (default 0.9).</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>L2 weight decay (default 0).</summary>
    public double WeightDecay { get; init; }

    /// <summary>Device name ("cpu", "cuda", "cuda:1"); null picks CUDA when present, else CPU.</summary>
    public string? Device { get; init; }

    /// <summary>Per-group learning rates (e.g. <c>m => TransferLearning.HeadAndBackboneGroups(m, 1e-4, 1e-2)</c>); called
    /// after the model is on its device. Null (default) trains every trainable parameter at <see cref="LearningRate"/>.</summary>
    public Func<ImageClassifier, IReadOnlyList<ParameterGroup>>? ParameterGroups { get; init; }

    /// <summary>Numeric precision: fp32 (default), bf16-mixed or fp16-mixed (see <see cref="Precision.Precisions"/>);
    /// a strategy passed to the <see cref="Trainer"/> constructor takes precedence.</summary>
    public string Precision { get; init; } = "fp32";

    /// <summary>Layout of the model's 4-D weights and inputs while training (default Auto: channels-last for models whose
    /// stem convolution has at least 32 outputs, see <see cref="ChannelsLast.Resolve"/>). Values, gradients and checkpoints
    /// are the same in either layout; only the kernels' speed differs. See <see cref="Layout.ChannelsLastTraining"/>.</summary>
    public MemoryFormat MemoryFormat { get; init; } = MemoryFormat.Auto;

    /// <summary>Seed for torch's generator (dropout etc.); the data order is seeded by the loader.</summary>
    public long Seed { get; init; }

    /// <summary>A training checkpoint (written by <see cref="CheckpointCallback"/>) to resume from: its weights, optimizer
    /// state, history and callback state are restored and training continues at the next epoch up to <see cref="Epochs"/>
    /// in total (the result's history includes the restored epochs). The checkpoint's seed replaces <see cref="Seed"/>;
    /// the optimizer's per-group settings (learning rates) come from the checkpoint. Null (default) starts fresh.</summary>
    public string? ResumeFrom { get; init; }

    internal void Validate()
    {
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Epochs must be >= 1.");
        if (!(LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "LearningRate must be > 0.");
        if (Momentum < 0 || Momentum >= 1) throw new ArgumentOutOfRangeException(nameof(Momentum), Momentum, "Momentum must be in [0, 1).");
        if (!Training.Precision.Precisions.Names.Contains(Precision?.Trim().ToLowerInvariant()))
            throw new ArgumentException($"Unknown precision '{Precision}'. Expected one of: {string.Join(", ", Training.Precision.Precisions.Names)}.", nameof(Precision));
        if (WeightDecay < 0) throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "WeightDecay must be >= 0.");
    }
}
