namespace ModelZoo.Onnx.Export.Emitters.Layers;

/// <summary><c>LocalResponseNorm</c> → LRN (same α/n convention; odd sizes, where both centre the window alike).</summary>
internal sealed class LocalResponseNormEmitter : OnnxModuleEmitter<LocalResponseNorm>
{
    protected override OnnxValue Emit(OnnxGraphBuilder builder, LocalResponseNorm lrn, string path, OnnxValue input)
    {
        if (lrn.size % 2 == 0)
            throw new NotSupportedException($"ONNX export supports odd LocalResponseNorm sizes only; '{path}' has size {lrn.size}.");
        return builder.Lrn(path, input, lrn.size, lrn.alpha, lrn.beta, lrn.k);
    }
}
