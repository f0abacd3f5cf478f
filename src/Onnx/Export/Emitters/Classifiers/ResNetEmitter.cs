using ModelZoo.Onnx.Export.Emitters.Layers;
using ModelZoo.Models.ResNets;

namespace ModelZoo.Onnx.Export.Emitters.Classifiers;

/// <summary><c>ResNet</c> (ResNet, ResNeXt, Wide ResNet, the ML.NET backbone): stem, four stages, global pool, flatten,
/// [dropout], fc.</summary>
internal sealed class ResNetEmitter : OnnxModuleEmitter<ResNet>
{
    protected override OnnxValue Emit(OnnxGraphBuilder builder, ResNet model, string path, OnnxValue input)
    {
        OnnxValue x = Chain.Named(builder, model, path, input, "conv1", "bn1", "relu", "maxpool", "layer1", "layer2", "layer3", "layer4", "avgpool");
        x = builder.Flatten("flatten", x);
        if (OnnxGraphBuilder.HasChild(model, "dropout")) x = builder.EmitChild(model, path, "dropout", x);
        return builder.EmitChild(model, path, "fc", x);
    }
}
