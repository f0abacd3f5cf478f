using System.Text.Json.Nodes;
using ModelZoo.Training.Checkpoints;
using ModelZoo.Training.Precision;

namespace ModelZoo.Training.Callbacks;

/// <summary>What callbacks see of a running fit.</summary>
public sealed class TrainerContext
{
    internal TrainerContext(ImageClassifier model, optim.Optimizer optimizer, TrainerOptions options, Device device,
        IPrecisionStrategy precision, IReadOnlyList<ITrainerCallback> callbacks, int batchesPerEpoch)
    {
        Model = model;
        Optimizer = optimizer;
        Options = options;
        Device = device;
        Precision = precision;
        Callbacks = callbacks;
        BatchesPerEpoch = batchesPerEpoch;
    }

    public ImageClassifier Model { get; }
    public optim.Optimizer Optimizer { get; }
    public TrainerOptions Options { get; }
    public Device Device { get; }
    public IPrecisionStrategy Precision { get; }

    /// <summary>Metrics of the epochs finished so far.</summary>
    public List<EpochMetrics> History { get; } = new();

    /// <summary>Set by a callback (e.g. early stopping) to end training after the current step.</summary>
    public bool StopRequested { get; set; }

    /// <summary>Why the run stopped early, when a callback said (e.g. early stopping); null otherwise.</summary>
    public string? StopReason { get; set; }

    /// <summary>The first epoch this fit trains: 1, or the epoch after the checkpoint's when resuming.</summary>
    public int StartEpoch { get; internal set; } = 1;

    /// <summary>The epoch running now (1-based).</summary>
    public int Epoch { get; internal set; }

    /// <summary>Index of the batch running now within its epoch (0-based).</summary>
    public int BatchIndex { get; internal set; }

    /// <summary>Batches per epoch, as the batch source reports.</summary>
    public int BatchesPerEpoch { get; }

    /// <summary>Optimizer steps per epoch: ⌈batches / <see cref="TrainerOptions.AccumulateGradBatches"/>⌉.</summary>
    public int StepsPerEpoch => (BatchesPerEpoch + Options.AccumulateGradBatches - 1) / Options.AccumulateGradBatches;

    /// <summary>Optimizer steps taken over the whole run, including restored ones and steps the precision strategy
    /// skipped (schedules advance on those too, as with PyTorch's GradScaler).</summary>
    public long GlobalStep { get; internal set; }

    /// <summary>During <see cref="ITrainerCallback.OnBeforeOptimizerStep"/>: whether the unscaled gradients are finite
    /// (always true under fp32/bf16, whose strategies do not check).</summary>
    public bool GradientsFinite { get; internal set; } = true;

    /// <summary>The evaluation of the epoch that just ended (null before the first one or without an evaluation set).</summary>
    public EvaluationResult? LastEvaluation { get; internal set; }

    /// <summary>Learning rate of the optimizer's first parameter group now.</summary>
    public double LearningRate => Optimizer.ParamGroups.FirstOrDefault()?.LearningRate ?? Options.LearningRate;

    internal IReadOnlyList<ITrainerCallback> Callbacks { get; }

    /// <summary>What a checkpoint needs to resume this run: seed, step count, history so far, the precision strategy's
    /// state and every <see cref="IStatefulCallback"/>'s state (the optimizer's own state and the callbacks' tensors are
    /// written by <see cref="Checkpoint"/> itself).</summary>
    public TrainingState CaptureState()
    {
        var states = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (IStatefulCallback c in Callbacks.OfType<IStatefulCallback>())
            if (!states.TryAdd(c.StateKey, c.SaveState()))
                throw new InvalidOperationException($"Two callbacks use the state key '{c.StateKey}'; keys must be unique.");
        return new TrainingState
        {
            Seed = Options.Seed, GlobalStep = GlobalStep, History = History.ToArray(), Callbacks = states, Precision = Precision.Name,
            PrecisionState = Precision.SaveState(),
            InferenceWeights = Callbacks.OfType<IInferenceWeights>().FirstOrDefault()?.TensorKey,
        };
    }

    /// <summary>The tensors of every <see cref="ITensorStateCallback"/>, named <c>TensorKey/name</c> (still owned by the callbacks).</summary>
    public IReadOnlyList<KeyValuePair<string, Tensor>> CaptureTensors()
    {
        var all = new List<KeyValuePair<string, Tensor>>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (ITensorStateCallback c in Callbacks.OfType<ITensorStateCallback>())
        {
            if (!keys.Add(c.TensorKey)) throw new InvalidOperationException($"Two callbacks use the tensor key '{c.TensorKey}'; keys must be unique.");
            all.AddRange(c.SaveTensors().Select(p => KeyValuePair.Create(c.TensorKey + "/" + p.Key, p.Value)));
        }
        return all;
    }
}
