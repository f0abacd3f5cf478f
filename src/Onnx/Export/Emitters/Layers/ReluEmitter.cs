namespace ModelZoo.Onnx.Export.Emitters.Layers;

/// <summary><c>ReLU</c> → Relu.</summary>
internal sealed class ReluEmitter : OnnxModuleEmitter<ReLU>
{
    protected override OnnxValue Emit(OnnxGraphBuilder builder, ReLU module, string path, OnnxValue input) => builder.Relu(path, input);
}
