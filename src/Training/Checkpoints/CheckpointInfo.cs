using ModelZoo.Models;
using ModelZoo.Training.Callbacks;

namespace ModelZoo.Training.Checkpoints;

/// <summary>Metadata stored in a checkpoint beside the weights: enough to rebuild the model and its preprocessing.</summary>
public sealed record CheckpointInfo
{
    /// <summary>Registered model name (see <see cref="Zoo"/>).</summary>
    public required string Model { get; init; }

    /// <summary>Options the model was built with.</summary>
    public required ModelOptions Options { get; init; }

    /// <summary>Epochs completed.</summary>
    public int Epoch { get; init; }

    /// <summary>Class names in index order, when known.</summary>
    public IReadOnlyList<string>? Classes { get; init; }

    /// <summary>Per-channel normalisation the model was trained with.</summary>
    public double[]? Mean { get; init; }
    public double[]? Std { get; init; }

    /// <summary>[height, width] of the training images before they were fitted to the model (28×28 for MNIST),
    /// or null when they varied (an image folder); lets prediction reproduce the training preprocessing.</summary>
    public int[]? ImageSize { get; init; }

    /// <summary>Free-form metrics (e.g. eval_accuracy).</summary>
    public IReadOnlyDictionary<string, double>? Metrics { get; init; }

    /// <summary>Dataset name the model was trained on (e.g. synthetic, mnist), when known.</summary>
    public string? Dataset { get; init; }

    /// <summary>Present in checkpoints written during training (<see cref="CheckpointCallback"/>): what resuming needs.
    /// Null in weights-only checkpoints (and in those written before resume existed).</summary>
    public TrainingState? Training { get; init; }

    /// <summary>Present in checkpoints written by a fine-tune: the weights, frozen layers and classes it started from,
    /// so `finetune --resume` rebuilds the same model. Null for checkpoints of `train`.</summary>
    public FinetuneRecipe? Finetune { get; init; }

    public DateTimeOffset CreatedUtc { get; init; } = DateTimeOffset.UtcNow;
}
