using System.Diagnostics;
using ModelZoo.Data;
using ModelZoo.Data.Loading;
using ModelZoo.Models;
using ModelZoo.Training.Callbacks;
using ModelZoo.Training.Checkpoints;
using ModelZoo.Training.Precision;

namespace ModelZoo.Training;

/// <summary>
/// A short supervised training loop for any <see cref="ImageClassifier"/>: cross-entropy (plus auxiliary heads for
/// <see cref="IAuxiliaryOutputs"/> models), top-1 accuracy, one dispose scope per step, callbacks for everything else.
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
    /// resumed run reproduces the uninterrupted one bit for bit on the same device. Cancellation ends the run with an <see cref="OperationCanceledException"/>.</summary>
    public TrainingResult Fit(ImageClassifier model, DataLoader train, DataLoader? eval = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        CheckpointInfo? resume = Options.ResumeFrom is { } from ? Checkpoint.ReadInfo(from) : null;
        TrainerOptions options = resume?.Training is { } saved ? Options with { Seed = saved.Seed } : Options;
        torch.manual_seed(options.Seed);
        Device device = Devices.Resolve(options.Device);
        model.to(device);
        using IDisposable precisionBinding = Precision.Attach(model, device);
        using optim.Optimizer optimizer = options.ParameterGroups is { } groups
            ? Optimizers.Create(groups(model), options)
            : Optimizers.Create(model.parameters(), options);
        ITrainerCallback[] callbacks = _callbacks.OrderBy(c => c.Order).ToArray();
        var context = new TrainerContext(model, optimizer, options, device) { Callbacks = callbacks, Precision = Precision };
        if (resume is not null) TrainerResume.Apply(context, options.ResumeFrom!, resume, RestoreOptimizerState);
        var clock = Stopwatch.StartNew();

        foreach (ITrainerCallback c in callbacks) c.OnFitStart(context);
        for (int epoch = context.StartEpoch; epoch <= options.Epochs && !context.StopRequested; epoch++)
        {
            torch.manual_seed(EpochSeed(options.Seed, epoch));   // dropout etc. draw the same whether or not the run was resumed
            foreach (ITrainerCallback c in callbacks) c.OnEpochStart(context, epoch);
            var epochClock = Stopwatch.StartNew();
            (double loss, int correct, int seen) = TrainEpoch(context, train, epoch, callbacks, clock, cancellationToken);
            EvaluationResult? evaluation = eval is null ? null : Evaluator.Evaluate(model, eval, device, cancellationToken);
            var metrics = new EpochMetrics(epoch, loss / Math.Max(1, seen), (double)correct / Math.Max(1, seen),
                evaluation?.Loss, evaluation?.Accuracy, epochClock.Elapsed, seen);
            context.History.Add(metrics);
            foreach (ITrainerCallback c in callbacks) c.OnEpochEnd(context, metrics);
        }
        var result = new TrainingResult(context.History.ToArray(), clock.Elapsed, context.StopRequested);
        foreach (ITrainerCallback c in callbacks) c.OnFitEnd(context, result);
        return result;
    }

    /// <summary>Test hook: false resumes weights, history and callbacks but starts with a fresh optimizer.</summary>
    internal bool RestoreOptimizerState { get; set; } = true;

    /// <summary>The seed of torch's generator at the start of <paramref name="epoch"/>.</summary>
    public static long EpochSeed(long seed, int epoch) => SampleRandom.Derive(seed, TorchStream + epoch);

    private const long TorchStream = 0x70C4_0000_0000;

    private (double Loss, int Correct, int Seen) TrainEpoch(TrainerContext context, DataLoader train, int epoch,
        ITrainerCallback[] callbacks, Stopwatch clock, CancellationToken ct)
    {
        ImageClassifier model = context.Model;
        model.train();
        double lossSum = 0;
        int correct = 0, seen = 0, step = 0;
        var epochClock = Stopwatch.StartNew();
        foreach (Batch batch in train.GetBatches(epoch - 1, ct))
        {
            using (batch)
            using (torch.NewDisposeScope())
            {
                Tensor x = batch.Inputs.to(context.Device), y = batch.Targets.to(context.Device);
                context.Optimizer.zero_grad();
                Tensor logits, loss;
                using (Precision.ForwardContext())
                {
                    ModelOutput output = model is IAuxiliaryOutputs aux && aux.HasActiveAuxiliaryHeads
                        ? aux.ForwardWithAuxiliary(x)
                        : new ModelOutput(model.call(x));
                    logits = output.Logits;
                    loss = output.CombinedLoss(CrossEntropy, y);
                }
                Precision.Backward(loss);
                Precision.Step(context.Optimizer);
                lossSum += loss.item<float>() * batch.Size;
                correct += (int)logits.argmax(1).eq(y).sum().item<long>();
                seen += batch.Size;
            }
            step++;
            var progress = new TrainingProgress(epoch, context.Options.Epochs, step, train.BatchCount, lossSum / seen,
                seen / Math.Max(1e-9, epochClock.Elapsed.TotalSeconds), clock.Elapsed);
            foreach (ITrainerCallback c in callbacks) c.OnStepEnd(context, progress);
            if (context.StopRequested) break;
        }
        return (lossSum, correct, seen);
    }

    internal static Tensor CrossEntropy(Tensor logits, Tensor target) =>
        nn.functional.cross_entropy(logits.to_type(ScalarType.Float32), target);
}
