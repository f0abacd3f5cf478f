using ModelZoo.Models.Weights.ModelZooFormat;
using ModelZoo.Training.Callbacks;

namespace ModelZoo.Training.Checkpoints;

/// <summary>Metadata stored in a checkpoint beside the weights: the model part the model library reads
/// (<see cref="ModelCheckpointInfo"/>: name, options, classes, normalisation, image size) and, for checkpoints written
/// during training, what resuming needs (<see cref="Training"/>).</summary>
public sealed record CheckpointInfo : ModelCheckpointInfo
{
    /// <summary>Present in checkpoints written during training (<see cref="CheckpointCallback"/>): what resuming needs.
    /// Null in weights-only checkpoints (and in those written before resume existed).</summary>
    public TrainingState? Training { get; init; }

    /// <summary>Present in checkpoints written by a fine-tune: the weights, frozen layers and classes it started from,
    /// so `finetune --resume` rebuilds the same model. Null for checkpoints of `train`.</summary>
    public FinetuneRecipe? Finetune { get; init; }
}
