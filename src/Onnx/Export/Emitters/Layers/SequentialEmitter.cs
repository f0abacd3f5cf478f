namespace ModelZoo.Onnx.Export.Emitters.Layers;

/// <summary>TorchSharp's <c>Sequential</c>: the children in order.</summary>
internal sealed class SequentialEmitter : OnnxModuleEmitter<Sequential>
{
    protected override OnnxValue Emit(OnnxGraphBuilder builder, Sequential module, string path, OnnxValue input) =>
        Chain.Children(builder, module, path, input);
}
