namespace ModelZoo.Onnx.Export.Emitters.Layers;

/// <summary>Adaptive average pooling in ONNX (shared by the module emitter and models calling the functional form).</summary>
public static class AdaptivePooling
{
    /// <summary>Emits adaptive average pooling of <paramref name="input"/> [N, C, H, W] to [N, C, oh, ow].</summary>
    public static OnnxValue Emit(OnnxGraphBuilder builder, string path, OnnxValue input, long oh, long ow)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(input);
        long h = input.Shape[2], w = input.Shape[3];
        if (oh == 1 && ow == 1) return builder.GlobalAveragePool(path, input);
        if (h % oh == 0 && w % ow == 0)
        {
            long[] k = { h / oh, w / ow };
            return builder.AveragePool(path, input, k, k, new long[4], countIncludePad: false);
        }
        // y = A_h · x · A_wᵀ, A[i, j] = 1/|bin i| for j in PyTorch's bin [⌊i·n/o⌋, ⌈(i+1)·n/o⌉).
        string right = builder.Constant(path + "/bins_w", new[] { w, ow }, Transposed(Bins(w, ow), ow, w));
        OnnxValue rows = builder.MatMul(path, input.Name, right, new[] { input.Shape[0], input.Shape[1], h, ow });
        builder.Bind(path);   // a constant MatMul: weight import pairs it with the file's and loads nothing
        string left = builder.Constant(path + "/bins_h", new[] { oh, h }, Bins(h, oh));
        OnnxValue pooled = builder.MatMul(path, left, rows.Name, new[] { input.Shape[0], input.Shape[1], oh, ow });
        builder.Bind(path);
        return pooled;
    }

    /// <summary>The [outputs, size] averaging matrix of PyTorch's adaptive pooling.</summary>
    internal static float[] Bins(long size, long outputs)
    {
        var m = new float[outputs * size];
        for (long i = 0; i < outputs; i++)
        {
            long start = i * size / outputs;
            long end = ((i + 1) * size + outputs - 1) / outputs;
            for (long j = start; j < end; j++) m[i * size + j] = 1f / (end - start);
        }
        return m;
    }

    private static float[] Transposed(float[] m, long rows, long cols)
    {
        var t = new float[m.Length];
        for (long r = 0; r < rows; r++)
            for (long c = 0; c < cols; c++) t[c * rows + r] = m[r * cols + c];
        return t;
    }
}
