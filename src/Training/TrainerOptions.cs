using ModelZoo.Models.Layout;
using ModelZoo.Models.Transfer;
using ModelZoo.Training.Callbacks;
using ModelZoo.Training.Losses;
using ModelZoo.Training.Metrics;

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

    /// <summary>Batches whose gradients are summed before each optimizer step (default 1: step every batch). The loss of
    /// each batch is divided by this number, so the step sees the mean gradient of the accumulated batches; the last
    /// batches of an epoch step even when fewer remain.</summary>
    public int AccumulateGradBatches { get; init; } = 1;

    /// <summary>Clip the gradients' total L2 norm to this value before each step (after fp16 unscaling), as PyTorch's
    /// <c>clip_grad_norm_</c>; null (default) does not clip.</summary>
    public double? GradientClipNorm { get; init; }

    /// <summary>Clamp every gradient element to [-value, value] before each step, as <c>clip_grad_value_</c>; null (default) does not.</summary>
    public double? GradientClipValue { get; init; }

    /// <summary>Label smoothing ε of the default cross-entropy loss, in [0, 1) (default 0): targets become
    /// (1 − ε)·target + ε/classes.</summary>
    public double LabelSmoothing { get; init; }

    /// <summary>The training loss; null (default) = <see cref="CrossEntropyLoss"/> with <see cref="LabelSmoothing"/>, which
    /// takes class indices or soft targets [N, classes] (MixUp/CutMix). Evaluation always reports plain cross-entropy.</summary>
    public ILossFunction? Loss { get; init; }

    /// <summary>Creates the metrics computed on the evaluation set after every epoch, besides loss and top-1 accuracy;
    /// their values land in <see cref="EpochMetrics.Metrics"/> prefixed with <c>eval_</c>. Null (default) =
    /// <see cref="ClassificationMetrics.Defaults"/> (top-5 accuracy and the confusion matrix with macro precision, recall and F1);
    /// return an empty list for none. They are reset after each evaluation; the values live on in the epoch's metrics and
    /// <see cref="TrainerContext.LastEvaluation"/> (with the confusion matrix's report).</summary>
    public Func<IReadOnlyList<IMetric>>? EvalMetrics { get; init; }

    /// <summary>Read the training loss back from the device every this many batches (and at each epoch's first and last
    /// batch) for <see cref="TrainingProgress.RunningLoss"/>, which holds the last value read in between, and for the
    /// non-finite-loss check (default 10): reading it synchronises a CUDA device, so reading every step costs throughput there.</summary>
    public int LogEveryNSteps { get; init; } = 10;

    /// <summary>Stop the run with a <see cref="TrainingDivergedException"/> naming the step when the training loss becomes
    /// NaN or infinite (default true). Under fp16-mixed the loss scaler decides instead: the run stops only when it has
    /// skipped 100 steps in a row.</summary>
    public bool StopOnNonFiniteLoss { get; init; } = true;

    internal ILossFunction TrainingLoss => Loss ?? new CrossEntropyLoss(LabelSmoothing);

    internal void Validate()
    {
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Epochs must be >= 1.");
        if (!(LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "LearningRate must be > 0.");
        if (Momentum < 0 || Momentum >= 1) throw new ArgumentOutOfRangeException(nameof(Momentum), Momentum, "Momentum must be in [0, 1).");
        if (!Training.Precision.Precisions.Names.Contains(Precision?.Trim().ToLowerInvariant()))
            throw new ArgumentException($"Unknown precision '{Precision}'. Expected one of: {string.Join(", ", Training.Precision.Precisions.Names)}.", nameof(Precision));
        if (!(WeightDecay >= 0)) throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "WeightDecay must be >= 0.");
        if (AccumulateGradBatches < 1)
            throw new ArgumentOutOfRangeException(nameof(AccumulateGradBatches), AccumulateGradBatches, "AccumulateGradBatches must be >= 1.");
        if (GradientClipNorm is { } norm && !(norm > 0 && double.IsFinite(norm)))
            throw new ArgumentOutOfRangeException(nameof(GradientClipNorm), norm, "GradientClipNorm must be a finite number > 0.");
        if (GradientClipValue is { } value && !(value > 0 && double.IsFinite(value)))
            throw new ArgumentOutOfRangeException(nameof(GradientClipValue), value, "GradientClipValue must be a finite number > 0.");
        if (!(LabelSmoothing >= 0 && LabelSmoothing < 1))
            throw new ArgumentOutOfRangeException(nameof(LabelSmoothing), LabelSmoothing, "LabelSmoothing must be in [0, 1).");
        if (LogEveryNSteps < 1) throw new ArgumentOutOfRangeException(nameof(LogEveryNSteps), LogEveryNSteps, "LogEveryNSteps must be >= 1.");
        if (!Enum.IsDefined(Optimizer)) throw new ArgumentOutOfRangeException(nameof(Optimizer), Optimizer, "Unknown optimizer.");
        if (Optimizer == OptimizerKind.Nesterov && !(Momentum > 0))
            throw new ArgumentOutOfRangeException(nameof(Momentum), Momentum, "Nesterov momentum needs Momentum > 0.");
    }
}
