using System.Diagnostics;
using ModelZoo.Data;
using ModelZoo.Training.Callbacks;
using ModelZoo.Training.Checkpoints;
using ModelZoo.Training.Losses;
using ModelZoo.Training.Metrics;
using ModelZoo.Training.Layout;
using ModelZoo.Training.Precision;

namespace ModelZoo.Training;

/// <summary>
/// A short supervised training loop for any <see cref="ImageClassifier"/>: the loss of <see cref="TrainerOptions.Loss"/>
/// (plus auxiliary heads for <see cref="IAuxiliaryOutputs"/> models), gradient accumulation, the precision strategy, one
/// dispose scope per step and named events for everything else (<see cref="ITrainerCallback"/>): clipping, schedules,
/// averaging, early stopping, checkpoints and logs are callbacks.
/// </summary>
public sealed class Trainer
{
    private readonly List<ITrainerCallback> _callbacks = new();

    /// <param name="precision">The precision strategy; when null, <see cref="TrainerOptions.Precision"/> names it.</param>
    public Trainer(TrainerOptions? options = null, IPrecisionStrategy? precision = null)
    {
        Options = options ?? new TrainerOptions();
        Options.Validate();
        Precision = precision ?? Precisions.Create(Options.Precision);
    }

    public TrainerOptions Options { get; }
    public IPrecisionStrategy Precision { get; }

    public Trainer Add(ITrainerCallback callback)
    {
        _callbacks.Add(callback ?? throw new ArgumentNullException(nameof(callback)));
        return this;
    }

    /// <summary>Trains <paramref name="model"/> for <see cref="TrainerOptions.Epochs"/> epochs (continuing from
    /// <see cref="TrainerOptions.ResumeFrom"/> when set), evaluating on <paramref name="eval"/> after each when given.
    /// Torch's generator is re-seeded from (seed, epoch) at every epoch start and the loader shuffles by epoch, so a
    /// resumed run reproduces the uninterrupted one bit for bit on the same device. Cancellation ends the run with an
    /// <see cref="OperationCanceledException"/>; a non-finite loss with a <see cref="TrainingDivergedException"/>.</summary>
    public TrainingResult Fit(ImageClassifier model, IBatchSource train, IBatchSource? eval = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        CheckpointInfo? resume = Options.ResumeFrom is { } from ? Checkpoint.ReadInfo(from) : null;
        TrainerOptions options = resume?.Training is { } saved ? Options with { Seed = saved.Seed } : Options;
        torch.manual_seed(options.Seed);
        Device device = Devices.Resolve(options.Device);
        model.to(device);
        using IDisposable memoryFormat = ChannelsLastTraining.Attach(model, options.MemoryFormat);
        using IDisposable precisionBinding = Precision.Attach(model, device);
        using optim.Optimizer optimizer = options.ParameterGroups is { } groups
            ? Optimizers.Create(groups(model), options)
            : Optimizers.Create(model.parameters(), options);
        ITrainerCallback[] callbacks = BuiltInCallbacks(options).Concat(_callbacks).OrderBy(c => c.Order).ToArray();
        var context = new TrainerContext(model, optimizer, options, device, Precision, callbacks, train.BatchCount);
        if (resume is not null) TrainerResume.Apply(context, options.ResumeFrom!, resume, RestoreOptimizerState);
        var loop = new StepLoop(context, callbacks, options.TrainingLoss);
        var clock = Stopwatch.StartNew();

        foreach (ITrainerCallback c in callbacks) c.OnFitStart(context);
        for (int epoch = context.StartEpoch; epoch <= options.Epochs && !context.StopRequested; epoch++)
        {
            torch.manual_seed(EpochSeed(options.Seed, epoch));   // dropout etc. draw the same whether or not the run was resumed
            context.Epoch = epoch;
            foreach (ITrainerCallback c in callbacks) c.OnEpochStart(context, epoch);
            var epochClock = Stopwatch.StartNew();
            (double loss, double correct, int seen) = loop.TrainEpoch(train, epoch, clock, cancellationToken);
            double lr = context.LearningRate;
            EvaluationResult? evaluation = eval is null ? null : Validate(context, eval, callbacks, cancellationToken);
            var metrics = new EpochMetrics(epoch, loss / Math.Max(1, seen), correct / Math.Max(1, seen),
                evaluation?.Loss, evaluation?.Accuracy, epochClock.Elapsed, seen)
            {
                LearningRate = lr,
                Metrics = evaluation is { Metrics.Count: > 0 } ? evaluation.Metrics.ToDictionary(p => "eval_" + p.Key, p => p.Value) : null,
            };
            context.History.Add(metrics);
            foreach (ITrainerCallback c in callbacks) c.OnEpochEnd(context, metrics);
        }
        var result = new TrainingResult(context.History.ToArray(), clock.Elapsed, context.StopRequested) { StopReason = context.StopReason };
        foreach (ITrainerCallback c in callbacks) c.OnFitEnd(context, result);
        return result;
    }

    /// <summary>Test hook: false resumes weights, history and callbacks but starts with a fresh optimizer.</summary>
    internal bool RestoreOptimizerState { get; set; } = true;

    /// <summary>The seed of torch's generator at the start of <paramref name="epoch"/>.</summary>
    public static long EpochSeed(long seed, int epoch) => SampleRandom.Derive(seed, TorchStream + epoch);

    private const long TorchStream = 0x70C4_0000_0000;

    /// <summary>The callbacks the options ask for: gradient clipping and the non-finite-loss guard.</summary>
    private static IEnumerable<ITrainerCallback> BuiltInCallbacks(TrainerOptions options)
    {
        if (options.GradientClipNorm is { } norm) yield return new GradientClipping(norm, GradientClipMode.Norm);
        if (options.GradientClipValue is { } value) yield return new GradientClipping(value, GradientClipMode.Value);
        if (options.StopOnNonFiniteLoss) yield return new NonFiniteLossGuard();
    }

    private static EvaluationResult Validate(TrainerContext context, IBatchSource eval, ITrainerCallback[] callbacks, CancellationToken ct)
    {
        foreach (ITrainerCallback c in callbacks) c.OnValidationStart(context);
        IReadOnlyList<IMetric> metrics = context.Options.EvalMetrics?.Invoke() ?? ClassificationMetrics.Defaults();
        EvaluationResult result = Evaluator.Evaluate(context.Model, eval, metrics, context.Device, ct);
        foreach (IMetric metric in metrics) metric.Reset();   // frees their device sums; the values are in the result
        context.LastEvaluation = result;
        foreach (ITrainerCallback c in callbacks) c.OnValidationEnd(context, result);
        return result;
    }

    internal static Tensor CrossEntropy(Tensor logits, Tensor target) => s_crossEntropy.Compute(logits, target);

    private static readonly CrossEntropyLoss s_crossEntropy = new();
}
