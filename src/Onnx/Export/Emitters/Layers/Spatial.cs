namespace ModelZoo.Onnx.Export.Emitters.Layers;

/// <summary>Reads TorchSharp's per-axis layer attributes ([h, w], or one value for both) as [H, W].</summary>
internal static class Spatial
{
    public static long[] Pair(long[]? values, long[]? fallback = null, string what = "value")
    {
        long[]? v = values is { Length: > 0 } ? values : fallback;
        return v switch
        {
            null => throw new NotSupportedException($"ONNX export: the layer has no {what}."),
            { Length: 1 } => new[] { v[0], v[0] },
            { Length: 2 } => new[] { v[0], v[1] },
            _ => throw new NotSupportedException($"ONNX export: expected 1 or 2 values for the {what}; got {v.Length}."),
        };
    }

    /// <summary>ONNX pads [top, left, bottom, right] from symmetric [ph, pw].</summary>
    public static long[] Symmetric(long[] pad) => new[] { pad[0], pad[1], pad[0], pad[1] };

    /// <summary>PyTorch's pooled size along one axis (floor or ceil mode; a last window starting in the end padding is dropped).</summary>
    public static long PooledSize(long size, long kernel, long stride, long pad, bool ceil)
    {
        long span = size + 2 * pad - kernel;
        if (span < 0) throw new ArgumentException($"A pooling window of {kernel} does not fit an input of {size} (+{pad} padding on each side); the input is too small.");
        long output = (ceil ? (span + stride - 1) / stride : span / stride) + 1;
        if (ceil && (output - 1) * stride >= size + pad) output--;
        return output;
    }

    /// <summary>The end padding that makes ONNX's floor-mode window count equal PyTorch's <paramref name="output"/>.</summary>
    public static long EndPad(long size, long kernel, long stride, long pad, long output) =>
        Math.Max(pad, (output - 1) * stride + kernel - size - pad);
}
