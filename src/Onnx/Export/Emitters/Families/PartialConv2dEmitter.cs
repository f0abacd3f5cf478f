using ModelZoo.Models.LeNets;

namespace ModelZoo.Onnx.Export.Emitters.Families;

/// <summary>LeNet-5's C3 (<c>PartialConv2d</c>): a dense Conv whose unconnected kernels are zero. Import gathers the
/// connected kernels back through the layer's own index buffer.</summary>
internal sealed class PartialConv2dEmitter : OnnxModuleEmitter<PartialConv2d>
{
    protected override OnnxValue Emit(OnnxGraphBuilder builder, PartialConv2d module, string path, OnnxValue input)
    {
        Tensor index = Buffer(module, "scatter_index");
        OnnxValue output;
        using (Tensor dense = module.DenseWeight())
            output = ComputedKernelConv(builder, path, input, dense, Parameter(module, "bias"), stride: 1, groups: 1,
                kernel => kernel.reshape(-1, kernel.shape[2], kernel.shape[3]).index_select(0, index));
        builder.MarkImplied(path + ".scatter_index");
        return output;
    }
}
