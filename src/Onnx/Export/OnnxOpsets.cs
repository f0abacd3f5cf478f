namespace ModelZoo.Onnx.Export;

/// <summary>The operator sets export writes, and the IR version each needs (ONNX's versioning table).</summary>
public static class OnnxOpsets
{
    /// <summary>17: supported by every ONNX Runtime since 1.11, by Triton's onnxruntime backend and by ML.NET 5.</summary>
    public const int Default = 17;

    /// <summary>Accepted opsets: 13 (Softmax's current semantics, Slice/Pad with tensor inputs) through 21.</summary>
    public static IReadOnlyList<int> Supported { get; } = Enumerable.Range(13, 9).ToArray();

    /// <summary>The IR version of models using <paramref name="opset"/>.</summary>
    public static long IrVersion(int opset)
    {
        Validate(opset);
        return opset switch
        {
            <= 14 => 7,
            <= 18 => 8,
            <= 20 => 9,
            _ => 10,
        };
    }

    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> naming the supported range.</summary>
    public static void Validate(int opset)
    {
        if (!Supported.Contains(opset))
            throw new ArgumentOutOfRangeException(nameof(opset), opset,
                $"Unsupported ONNX opset {opset}; use {Supported[0]}..{Supported[^1]} (default {Default}).");
    }
}
