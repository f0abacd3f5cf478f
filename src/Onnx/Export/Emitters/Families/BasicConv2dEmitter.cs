using ModelZoo.Onnx.Export.Emitters.Layers;
using ModelZoo.Models.GoogLeNets;

namespace ModelZoo.Onnx.Export.Emitters.Families;

/// <summary>GoogLeNet's <c>BasicConv2d</c>: conv → bn → relu.</summary>
internal sealed class BasicConv2dEmitter : OnnxModuleEmitter<BasicConv2d>
{
    protected override OnnxValue Emit(OnnxGraphBuilder builder, BasicConv2d module, string path, OnnxValue input) =>
        builder.Relu(path + ".relu", Chain.Named(builder, module, path, input, "conv", "bn"));
}
