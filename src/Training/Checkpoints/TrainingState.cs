using System.Text.Json.Nodes;
using ModelZoo.Training.Callbacks;
using ModelZoo.Training.Precision;

namespace ModelZoo.Training.Checkpoints;

/// <summary>
/// What a checkpoint needs beyond the weights to resume training exactly: the run's seed, the history, the callbacks'
/// state and, when <see cref="HasOptimizerState"/>, the optimizer's state in a section after the weights.
/// The number of completed epochs is <see cref="CheckpointInfo.Epoch"/>.
/// </summary>
public sealed record TrainingState
{
    /// <summary>Seed of the run (<see cref="TrainerOptions.Seed"/>); torch's generator is re-seeded from it every epoch.</summary>
    public long Seed { get; init; }

    /// <summary>The optimizer's TorchSharp type name (SGD, Adam, AdamW).</summary>
    public string? Optimizer { get; init; }

    /// <summary>True when the weights are followed by an optimizer section (an int64 length, then TorchSharp's
    /// <c>save_state_dict</c> bytes: momentum buffers, Adam moments, per-group options).</summary>
    public bool HasOptimizerState { get; init; }

    /// <summary>Name of the precision strategy the run trained with (fp32, bf16-mixed, fp16-mixed).</summary>
    public string? Precision { get; init; }

    /// <summary>The precision strategy's own state (<see cref="IPrecisionStrategy.SaveState"/>): the fp16 loss scaler's
    /// scale and growth count for fp16-mixed runs, null for the others.</summary>
    public JsonNode? PrecisionState { get; init; }

    /// <summary>Optimizer steps taken so far (schedules continue from it).</summary>
    public long GlobalStep { get; init; }

    /// <summary>True when the file has a tensor section after the optimizer section: the tensors of every
    /// <see cref="ITensorStateCallback"/> (e.g. averaged weights), named <c>key/name</c>.</summary>
    public bool HasTensorState { get; init; }

    /// <summary>The tensor key whose tensors are the weights to use for inference (e.g. "ema": the exponential moving
    /// average that evaluation measured). The weights section then holds those, so <see cref="Checkpoint.Load"/> and every
    /// other reader of the model load them, and the raw training weights are in the tensor section
    /// (<see cref="InferenceWeightsLayout"/>), which <see cref="Checkpoint.Restore(string, ModelZoo.Models.ImageClassifier, TorchSharp.torch.optim.Optimizer?)"/>
    /// puts back. Null: the weights section holds the raw weights.</summary>
    public string? InferenceWeights { get; init; }

    /// <summary>Metrics of the completed epochs.</summary>
    public IReadOnlyList<EpochMetrics> History { get; init; } = Array.Empty<EpochMetrics>();

    /// <summary>State of every <see cref="IStatefulCallback"/>, by <see cref="IStatefulCallback.StateKey"/>.</summary>
    public IReadOnlyDictionary<string, JsonNode?>? Callbacks { get; init; }
}
