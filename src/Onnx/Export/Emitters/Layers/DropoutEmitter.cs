namespace ModelZoo.Onnx.Export.Emitters.Layers;

/// <summary><c>Dropout</c> is the identity in eval mode: no node.</summary>
internal sealed class DropoutEmitter : OnnxModuleEmitter<Dropout>
{
    protected override OnnxValue Emit(OnnxGraphBuilder builder, Dropout module, string path, OnnxValue input) => input;
}
