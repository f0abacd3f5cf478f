using ModelZoo.Models.AlexNets;

namespace ModelZoo.Onnx.Export.Emitters.Classifiers;

/// <summary><c>AlexNetOriginal</c>: features (LRN, grouped convolutions) → flatten → classifier.</summary>
internal sealed class AlexNetOriginalEmitter : OnnxModuleEmitter<AlexNetOriginal>
{
    protected override OnnxValue Emit(OnnxGraphBuilder builder, AlexNetOriginal model, string path, OnnxValue input)
    {
        OnnxValue x = builder.Flatten("flatten", builder.EmitChild(model, path, "features", input));
        return builder.EmitChild(model, path, "classifier", x);
    }
}
