using ModelZoo.Onnx.Export.Emitters.Layers;
using ModelZoo.Models.ResNets;

namespace ModelZoo.Onnx.Export.Emitters.Families;

/// <summary>ResNet's <c>Bottleneck</c> (1×1, grouped 3×3, 1×1) with its identity or downsample shortcut.</summary>
internal sealed class BottleneckEmitter : OnnxModuleEmitter<Bottleneck>
{
    protected override OnnxValue Emit(OnnxGraphBuilder builder, Bottleneck block, string path, OnnxValue input)
    {
        OnnxValue x = Chain.Named(builder, block, path, input, "conv1", "bn1", "relu", "conv2", "bn2", "relu", "conv3", "bn3");
        return Residual.AddAndRelu(builder, block, path, x, input);
    }
}
