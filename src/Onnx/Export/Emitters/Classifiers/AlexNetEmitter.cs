using ModelZoo.Models.AlexNets;

namespace ModelZoo.Onnx.Export.Emitters.Classifiers;

/// <summary>torchvision's <c>AlexNet</c>: features → avgpool (adaptive 6×6) → flatten → classifier.</summary>
internal sealed class AlexNetEmitter : OnnxModuleEmitter<AlexNet>
{
    protected override OnnxValue Emit(OnnxGraphBuilder builder, AlexNet model, string path, OnnxValue input) =>
        Heads.PoolFlattenClassify(builder, model, path, builder.EmitChild(model, path, "features", input));
}
