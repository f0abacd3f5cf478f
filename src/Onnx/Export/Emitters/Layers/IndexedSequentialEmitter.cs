using ModelZoo.Models.Layers;

namespace ModelZoo.Onnx.Export.Emitters.Layers;

/// <summary>The zoo's <c>IndexedSequential</c> (children "0", "1", ...): the children in order.</summary>
internal sealed class IndexedSequentialEmitter : OnnxModuleEmitter<IndexedSequential>
{
    protected override OnnxValue Emit(OnnxGraphBuilder builder, IndexedSequential module, string path, OnnxValue input) =>
        Chain.Children(builder, module, path, input);
}
