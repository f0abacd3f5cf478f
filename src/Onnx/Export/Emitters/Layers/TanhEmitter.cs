namespace ModelZoo.Onnx.Export.Emitters.Layers;

/// <summary><c>Tanh</c> → Tanh.</summary>
internal sealed class TanhEmitter : OnnxModuleEmitter<Tanh>
{
    protected override OnnxValue Emit(OnnxGraphBuilder builder, Tanh module, string path, OnnxValue input) => builder.Tanh(path, input);
}
