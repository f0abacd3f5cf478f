namespace ModelZoo.Onnx.Export.Emitters.Layers;

/// <summary><c>AvgPool2d</c> → AveragePool (count_include_pad carried over). Ceil mode is supported where it adds no
/// window (PyTorch's divisor for a window hanging past the input has no ONNX equivalent); divisor_override is not.</summary>
internal sealed class AvgPool2dEmitter : OnnxModuleEmitter<AvgPool2d>
{
    protected override OnnxValue Emit(OnnxGraphBuilder builder, AvgPool2d pool, string path, OnnxValue input)
    {
        if (pool.divisor_override is not null)
            throw new NotSupportedException($"ONNX export does not support divisor_override (the average pool at '{path}').");
        long[] kernel = Spatial.Pair(pool.kernel_size, what: "kernel size");
        long[] stride = Spatial.Pair(pool.stride, kernel, "stride");
        long[] pad = Spatial.Pair(pool.padding, new long[] { 0 }, "padding");
        for (int axis = 0; axis < 2 && pool.ceil_mode; axis++)
        {
            long size = input.Shape[2 + axis];
            if (Spatial.PooledSize(size, kernel[axis], stride[axis], pad[axis], true) != Spatial.PooledSize(size, kernel[axis], stride[axis], pad[axis], false))
                throw new NotSupportedException($"ONNX export: the ceil-mode average pool at '{path}' adds a partial window at input {input}; "
                    + "ONNX's AveragePool cannot reproduce PyTorch's divisor there.");
        }
        return builder.AveragePool(path, input, kernel, stride, Spatial.Symmetric(pad), pool.count_include_pad);
    }
}
