using ModelZoo.Models.Weights.Loading;

namespace ModelZoo.Training.Jobs;

/// <summary>Everything `modelzoo evaluate` can be told. Defaults: the whole split, batch 256, no worker threads, the
/// preprocessing the weights or the dataset imply, tensors matched by name.</summary>
public sealed record EvaluateJobOptions
{
    /// <summary>Registered model name.</summary>
    public required string Model { get; init; }

    /// <summary>A ModelZoo checkpoint, or a PyTorch .pth / safetensors / TorchSharp weights file.</summary>
    public required string Weights { get; init; }

    /// <summary>Dataset name (see the dataset catalog).</summary>
    public required string Dataset { get; init; }

    public string? DataDirectory { get; init; }

    /// <summary>Items to evaluate (null: all).</summary>
    public IndexRange? Range { get; init; }

    public int BatchSize { get; init; } = 256;

    public int Workers { get; init; }

    /// <summary>The preprocessing the weights were trained with, where it differs from the default.</summary>
    public PreprocessingOverrides Preprocessing { get; init; } = new();

    /// <summary>How a plain weights file's tensors are matched to the model and checked (strict by default).</summary>
    public LoadOptions Loading { get; init; } = new();
}
