using ModelZoo.Onnx.Export.Emitters.Layers;
using ModelZoo.Models.ResNets;

namespace ModelZoo.Onnx.Export.Emitters.Families;

/// <summary>ResNet's <c>BasicBlock</c>: relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x)), shortcut = identity or downsample.</summary>
internal sealed class BasicBlockEmitter : OnnxModuleEmitter<BasicBlock>
{
    protected override OnnxValue Emit(OnnxGraphBuilder builder, BasicBlock block, string path, OnnxValue input)
    {
        OnnxValue x = Chain.Named(builder, block, path, input, "conv1", "bn1", "relu", "conv2", "bn2");
        return Residual.AddAndRelu(builder, block, path, x, input);
    }
}
