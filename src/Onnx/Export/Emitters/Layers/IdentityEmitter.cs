namespace ModelZoo.Onnx.Export.Emitters.Layers;

/// <summary><c>Identity</c> (e.g. a classifier reset to 0 classes): no node.</summary>
internal sealed class IdentityEmitter : OnnxModuleEmitter<Identity>
{
    protected override OnnxValue Emit(OnnxGraphBuilder builder, Identity module, string path, OnnxValue input) => input;
}
