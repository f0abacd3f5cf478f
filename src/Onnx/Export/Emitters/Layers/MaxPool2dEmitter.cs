namespace ModelZoo.Onnx.Export.Emitters.Layers;

/// <summary><c>MaxPool2d</c> → MaxPool. Ceil mode becomes explicit end padding (padded cells never win a max), so the
/// graph reproduces PyTorch's output size exactly, including its rule that drops a last window starting in the padding.</summary>
internal sealed class MaxPool2dEmitter : OnnxModuleEmitter<MaxPool2d>
{
    protected override OnnxValue Emit(OnnxGraphBuilder builder, MaxPool2d pool, string path, OnnxValue input)
    {
        long[] kernel = Spatial.Pair(pool.kernel_size, what: "kernel size");
        long[] stride = Spatial.Pair(pool.stride, kernel, "stride");
        long[] pad = Spatial.Pair(pool.padding, new long[] { 0 }, "padding");
        long[] dilation = Spatial.Pair(pool.dilation, new long[] { 1 }, "dilation");
        if (dilation[0] != 1 || dilation[1] != 1)
            throw new NotSupportedException($"ONNX export does not support the dilated max-pool at '{path}'.");
        var pads = new long[4];
        for (int axis = 0; axis < 2; axis++)
        {
            long size = input.Shape[2 + axis];
            long output = Spatial.PooledSize(size, kernel[axis], stride[axis], pad[axis], pool.ceil_mode);
            pads[axis] = pad[axis];
            pads[axis + 2] = Spatial.EndPad(size, kernel[axis], stride[axis], pad[axis], output);
        }
        return builder.MaxPool(path, input, kernel, stride, pads);
    }
}
