using ModelZoo.Onnx.Export.Emitters.Layers;
using ModelZoo.Models.CifarResNets;

namespace ModelZoo.Onnx.Export.Emitters.Classifiers;

/// <summary><c>CifarResNet</c>: conv1 → bn1 → relu → layer1..3 → global average pool → flatten → linear.</summary>
internal sealed class CifarResNetEmitter : OnnxModuleEmitter<CifarResNet>
{
    protected override OnnxValue Emit(OnnxGraphBuilder builder, CifarResNet model, string path, OnnxValue input)
    {
        OnnxValue x = builder.Relu("relu", Chain.Named(builder, model, path, input, "conv1", "bn1"));
        x = Chain.Named(builder, model, path, x, "layer1", "layer2", "layer3");
        x = builder.Flatten("flatten", builder.GlobalAveragePool("avgpool", x));
        return builder.EmitChild(model, path, "linear", x);
    }
}
