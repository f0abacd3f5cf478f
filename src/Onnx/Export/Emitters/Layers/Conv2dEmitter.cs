namespace ModelZoo.Onnx.Export.Emitters.Layers;

/// <summary><c>Conv2d</c> → Conv (zero padding, any stride, dilation and groups).</summary>
internal sealed class Conv2dEmitter : OnnxModuleEmitter<Conv2d>
{
    protected override OnnxValue Emit(OnnxGraphBuilder builder, Conv2d conv, string path, OnnxValue input)
    {
        if (conv.transposed) throw new NotSupportedException($"ONNX export does not support the transposed convolution at '{path}'.");
        if (conv.padding_mode != TorchSharp.PaddingModes.Zeros)
            throw new NotSupportedException($"ONNX export supports zero padding only; '{path}' pads with {conv.padding_mode}.");
        long[] kernel = Spatial.Pair(conv.kernel_size, what: "kernel size");
        long[] stride = Spatial.Pair(conv.stride, new long[] { 1 }, "stride");
        long[] dilation = Spatial.Pair(conv.dilation, new long[] { 1 }, "dilation");
        long[] pads = Pads(conv, kernel, dilation);
        string weight = builder.Weight(path + ".weight", conv.weight!);
        string? bias = conv.bias is null ? null : builder.Weight(path + ".bias", conv.bias);
        OnnxValue output = builder.Conv(path, input, weight, bias, kernel, stride, pads, dilation, conv.groups);
        builder.Bind(path, bias is null
            ? new[] { new OnnxParameterBinding(1, path + ".weight") }
            : new[] { new OnnxParameterBinding(1, path + ".weight"), new OnnxParameterBinding(2, path + ".bias") });
        return output;
    }

    private static long[] Pads(Conv2d conv, long[] kernel, long[] dilation)
    {
        if (conv.padding_type is TorchSharp.Padding.Valid) return new long[4];
        if (conv.padding_type is TorchSharp.Padding.Same)
        {
            // PyTorch's "same": total = d·(k − 1), the odd cell at the end.
            long th = dilation[0] * (kernel[0] - 1), tw = dilation[1] * (kernel[1] - 1);
            return new[] { th / 2, tw / 2, th - th / 2, tw - tw / 2 };
        }
        return Spatial.Symmetric(Spatial.Pair(conv.padding, new long[] { 0 }, "padding"));
    }
}
