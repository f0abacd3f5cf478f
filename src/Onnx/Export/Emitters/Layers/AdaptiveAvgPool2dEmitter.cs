namespace ModelZoo.Onnx.Export.Emitters.Layers;

/// <summary><c>AdaptiveAvgPool2d</c> → GlobalAveragePool (1×1), AveragePool (sizes divide), or otherwise two MatMuls with
/// PyTorch's bin-averaging matrices (exact for any sizes, e.g. VGG's 7×7 pool after a 1×1 map).</summary>
internal sealed class AdaptiveAvgPool2dEmitter : OnnxModuleEmitter<AdaptiveAvgPool2d>
{
    protected override OnnxValue Emit(OnnxGraphBuilder builder, AdaptiveAvgPool2d pool, string path, OnnxValue input)
    {
        long[] output = Spatial.Pair(pool.output_size, what: "output size");
        return AdaptivePooling.Emit(builder, path, input, output[0], output[1]);
    }
}
