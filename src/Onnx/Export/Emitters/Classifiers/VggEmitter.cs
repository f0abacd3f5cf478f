using ModelZoo.Models.Vggs;

namespace ModelZoo.Onnx.Export.Emitters.Classifiers;

/// <summary><c>Vgg</c> (± batch norm): features → avgpool (adaptive 7×7) → flatten → classifier.</summary>
internal sealed class VggEmitter : OnnxModuleEmitter<Vgg>
{
    protected override OnnxValue Emit(OnnxGraphBuilder builder, Vgg model, string path, OnnxValue input) =>
        Heads.PoolFlattenClassify(builder, model, path, builder.EmitChild(model, path, "features", input));
}
