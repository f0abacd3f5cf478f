using ModelZoo.Data.Transforms.Batching;
using ModelZoo.Training.Callbacks;
using ModelZoo.Training.Checkpoints;
using ModelZoo.Training.Schedulers;

namespace ModelZoo.Training.Recipes;

/// <summary>
/// The training recipe behind <c>modelzoo train</c>'s <c>--scheduler</c>, <c>--warmup</c>, <c>--weight-decay</c>,
/// <c>--label-smoothing</c>, <c>--clip-grad</c>, <c>--accumulate</c>, <c>--ema</c>, <c>--mixup</c>, <c>--cutmix</c>,
/// <c>--early-stop</c>, <c>--save-best</c> and <c>--tensorboard</c>, as typed values with documented defaults (none of
/// them changes training). A job applies it in three places: <see cref="ApplyTo"/> the trainer options,
/// <see cref="CreateCallbacks"/> for the trainer, <see cref="CreateBatchTransform"/> for the training loader.
/// </summary>
public sealed record TrainingRecipe
{
    /// <summary>Learning-rate schedule spec (<see cref="Schedules.Create"/>): none (default), step, multistep, exponential,
    /// cosine, onecycle, plateau, each optionally NAME:ARGS.</summary>
    public string Scheduler { get; init; } = "none";

    /// <summary>Epochs of linear warm-up before the schedule (default 0).</summary>
    public double WarmupEpochs { get; init; }

    /// <summary>Weight decay; null keeps the trainer's (0).</summary>
    public double? WeightDecay { get; init; }

    /// <summary>Label smoothing ε in [0, 1) (default 0).</summary>
    public double LabelSmoothing { get; init; }

    /// <summary>Clip the gradients' total L2 norm to this value; null (default) does not clip.</summary>
    public double? ClipGradNorm { get; init; }

    /// <summary>Batches accumulated per optimizer step (default 1).</summary>
    public int Accumulate { get; init; } = 1;

    /// <summary>Decay of an exponential moving average of the weights (e.g. 0.999), evaluated and checkpointed; null (default): none.</summary>
    public double? EmaDecay { get; init; }

    /// <summary>MixUp with λ ~ Beta(α, α); null (default): off. With <see cref="CutMixAlpha"/> too, each batch picks one at random.</summary>
    public double? MixUpAlpha { get; init; }

    /// <summary>CutMix with λ ~ Beta(α, α); null (default): off.</summary>
    public double? CutMixAlpha { get; init; }

    /// <summary>Stop when a metric stops improving; null (default): never.</summary>
    public EarlyStopSpec? EarlyStop { get; init; }

    /// <summary>Also keep the checkpoint of the best epoch by this metric (<see cref="BestCheckpointPath"/>); null (default): only the last.</summary>
    public string? SaveBest { get; init; }

    /// <summary>Write TensorBoard event files to this directory; null (default): none.</summary>
    public string? TensorBoardDirectory { get; init; }

    /// <summary>The trainer options with this recipe's optimisation settings applied.</summary>
    public TrainerOptions ApplyTo(TrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate();
        return options with
        {
            WeightDecay = WeightDecay ?? options.WeightDecay, LabelSmoothing = LabelSmoothing, AccumulateGradBatches = Accumulate,
            GradientClipNorm = ClipGradNorm ?? options.GradientClipNorm,
        };
    }

    /// <summary>The recipe's callbacks: schedule, EMA, early stopping, best checkpoint (needs <paramref name="checkpoint"/>,
    /// the run's last checkpoint path, and <paramref name="info"/>) and TensorBoard (class names label the confusion matrix).</summary>
    public IReadOnlyList<ITrainerCallback> CreateCallbacks(string? checkpoint = null, Func<int, EpochMetrics?, CheckpointInfo>? info = null,
        IReadOnlyList<string>? classNames = null)
    {
        Validate();
        var callbacks = new List<ITrainerCallback>();
        if (Schedules.Create(Scheduler, WarmupEpochs) is { } schedule) callbacks.Add(schedule);
        if (EmaDecay is { } decay) callbacks.Add(new ExponentialMovingAverage(decay));
        if (EarlyStop is { } stop) callbacks.Add(new EarlyStopping(new MetricMonitor(stop.Metric), stop.Patience));
        if (SaveBest is { } metric)
        {
            if (checkpoint is null || info is null)
                throw new ArgumentException("SaveBest needs the run's checkpoint path and checkpoint metadata.", nameof(checkpoint));
            callbacks.Add(new BestCheckpointCallback(BestCheckpointPath(checkpoint), new MetricMonitor(metric), info));
        }
        if (TensorBoardDirectory is { } dir) callbacks.Add(new TensorBoardLogger(dir, classNames));
        return callbacks;
    }

    /// <summary>MixUp, CutMix or a random choice of both per batch, for <c>DataLoaderOptions.BatchTransform</c>; null when off.</summary>
    public IBatchTransform? CreateBatchTransform(int numClasses) => (MixUpAlpha, CutMixAlpha) switch
    {
        ({ } m, { } c) => new RandomBatchChoice(new IBatchTransform[] { new MixUp(numClasses, m), new CutMix(numClasses, c) }),
        ({ } m, null) => new MixUp(numClasses, m),
        (null, { } c) => new CutMix(numClasses, c),
        _ => null,
    };

    /// <summary>runs/lenet5-mnist.ckpt → runs/lenet5-mnist-best.ckpt.</summary>
    public static string BestCheckpointPath(string checkpoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(checkpoint);
        string full = Path.GetFullPath(checkpoint);
        return Path.Combine(Path.GetDirectoryName(full)!, Path.GetFileNameWithoutExtension(full) + "-best" + Path.GetExtension(full));
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad value and its allowed range.</summary>
    public void Validate()
    {
        Schedules.Create(Scheduler, WarmupEpochs);
        if (WeightDecay is { } wd && !(wd >= 0 && double.IsFinite(wd))) Bad(nameof(WeightDecay), wd, "a finite number >= 0");
        if (!(LabelSmoothing >= 0 && LabelSmoothing < 1)) Bad(nameof(LabelSmoothing), LabelSmoothing, "in [0, 1)");
        if (ClipGradNorm is { } clip && !(clip > 0 && double.IsFinite(clip))) Bad(nameof(ClipGradNorm), clip, "a finite number > 0");
        if (Accumulate < 1) Bad(nameof(Accumulate), Accumulate, ">= 1");
        if (EmaDecay is { } ema && !(ema > 0 && ema < 1)) Bad(nameof(EmaDecay), ema, "in (0, 1), e.g. 0.999");
        if (MixUpAlpha is { } mix && !(mix > 0 && double.IsFinite(mix))) Bad(nameof(MixUpAlpha), mix, "a finite number > 0, e.g. 0.2");
        if (CutMixAlpha is { } cut && !(cut > 0 && double.IsFinite(cut))) Bad(nameof(CutMixAlpha), cut, "a finite number > 0, e.g. 1.0");
        if (SaveBest is { } best) CheckMetric(best);
    }

    /// <summary>The metric name, trimmed, when it is one a run reports (<see cref="EpochMetrics.StandardNames"/>); else a one-line error listing them.</summary>
    public static string CheckMetric(string name)
    {
        string trimmed = name?.Trim() ?? "";
        if (!EpochMetrics.StandardNames.Contains(trimmed))
            throw new ArgumentException($"Unknown metric '{name}'; expected one of: {string.Join(", ", EpochMetrics.StandardNames)}.");
        return trimmed;
    }

    private static void Bad(string name, object value, string range) =>
        throw new ArgumentOutOfRangeException(name, value, $"{name} must be {range}; got {value}.");
}
