using System.Text.Json.Nodes;
using ModelZoo.Models;
using ModelZoo.Training.Checkpoints;
using ModelZoo.Training.Precision;
using static TorchSharp.torch;

namespace ModelZoo.Training.Callbacks;

/// <summary>What callbacks see of a running fit.</summary>
public sealed class TrainerContext
{
    internal TrainerContext(ImageClassifier model, optim.Optimizer optimizer, TrainerOptions options, Device device)
    {
        Model = model;
        Optimizer = optimizer;
        Options = options;
        Device = device;
    }

    public ImageClassifier Model { get; }
    public optim.Optimizer Optimizer { get; }
    public TrainerOptions Options { get; }
    public Device Device { get; }

    /// <summary>Metrics of the epochs finished so far.</summary>
    public List<EpochMetrics> History { get; } = new();

    /// <summary>Set by a callback (e.g. early stopping) to end training after the current step.</summary>
    public bool StopRequested { get; set; }

    /// <summary>The first epoch this fit trains: 1, or the epoch after the checkpoint's when resuming.</summary>
    public int StartEpoch { get; internal set; } = 1;

    /// <summary>Learning rate of the optimizer's first parameter group now.</summary>
    public double LearningRate => Optimizer.ParamGroups.FirstOrDefault()?.LearningRate ?? Options.LearningRate;

    internal IReadOnlyList<ITrainerCallback> Callbacks { get; set; } = Array.Empty<ITrainerCallback>();

    internal IPrecisionStrategy? Precision { get; set; }

    /// <summary>What a checkpoint needs to resume this run: seed, history so far, the fp16 loss scaler's state and every
    /// <see cref="IStatefulCallback"/>'s state (the optimizer's own state is written by <see cref="Checkpoint.Save(ImageClassifier, CheckpointInfo, string, optim.Optimizer)"/>).</summary>
    public TrainingState CaptureState()
    {
        var states = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (IStatefulCallback c in Callbacks.OfType<IStatefulCallback>())
            if (!states.TryAdd(c.StateKey, c.SaveState()))
                throw new InvalidOperationException($"Two callbacks use the state key '{c.StateKey}'; keys must be unique.");
        return new TrainingState
        {
            Seed = Options.Seed, History = History.ToArray(), Callbacks = states, Precision = Precision?.Name,
            LossScaler = (Precision as Fp16MixedPrecision)?.Scaler.State,
        };
    }
}
