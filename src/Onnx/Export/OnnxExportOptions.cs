using ModelZoo.Core.Preprocessing;
using ModelZoo.Models.Pretrained;

namespace ModelZoo.Onnx.Export;

/// <summary>How <see cref="OnnxExport"/> writes a model.</summary>
public sealed record OnnxExportOptions
{
    /// <summary>Operator set of the default domain (default 17; <see cref="OnnxOpsets.Supported"/> lists the accepted ones).</summary>
    public int Opset { get; init; } = OnnxOpsets.Default;

    /// <summary>Input height and width. Null (default): the model's fixed size, else 224.</summary>
    public int? InputSize { get; init; }

    /// <summary>A symbolic batch dimension "N" instead of 1 (default false).</summary>
    public bool DynamicBatch { get; init; }

    /// <summary>Append a Softmax over the classes; the output is then named "probabilities" (default false: "logits").</summary>
    public bool IncludeSoftmax { get; init; }

    /// <summary>Fold every batch norm that follows a convolution into its weights and bias (default false). Outputs agree
    /// with the unfolded graph to float rounding; the graph has fewer nodes.</summary>
    public bool FoldBatchNorm { get; init; }

    /// <summary>Name of the graph input (default "input").</summary>
    public string InputName { get; init; } = "input";

    /// <summary>Name of the graph output; null (default): "logits", "probabilities" with softmax, "features" for a model
    /// without classifier.</summary>
    public string? OutputName { get; init; }

    /// <summary>Model name recorded in the metadata (default: the model's module name).</summary>
    public string? ModelName { get; init; }

    /// <summary>Class names in output order, recorded in the metadata (optional).</summary>
    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>The preprocessing the model expects (resize, crop, mean/std), recorded in the metadata (optional).</summary>
    public InferencePreset? Preprocessing { get; init; }

    /// <summary>Emitters to use (default <see cref="OnnxEmitterRegistry.Default"/>).</summary>
    public OnnxEmitterRegistry? Emitters { get; init; }

    internal void Validate()
    {
        OnnxOpsets.Validate(Opset);
        if (InputSize is < 1) throw new ArgumentOutOfRangeException(nameof(InputSize), InputSize, "InputSize must be >= 1.");
        if (string.IsNullOrWhiteSpace(InputName)) throw new ArgumentException("InputName must not be empty.", nameof(InputName));
        if (OutputName is { } o && (string.IsNullOrWhiteSpace(o) || o == InputName))
            throw new ArgumentException($"OutputName must be non-empty and differ from the input name '{InputName}'.", nameof(OutputName));
    }
}
