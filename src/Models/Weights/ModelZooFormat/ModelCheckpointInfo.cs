namespace ModelZoo.Models.Weights.ModelZooFormat;

/// <summary>
/// The model part of a ModelZoo checkpoint's header (see <see cref="ModelZooCheckpoint"/>): enough to rebuild the model
/// and reproduce its preprocessing. ModelZoo.Training's <c>CheckpointInfo</c> extends it with the state resuming needs
/// (optimizer, history); readers that only want the model read this record and ignore the rest.
/// </summary>
public record ModelCheckpointInfo
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

    public DateTimeOffset CreatedUtc { get; init; } = DateTimeOffset.UtcNow;
}
