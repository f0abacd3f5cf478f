using ModelZoo.Models.LeNets;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Onnx.Export.Emitters.Families;

/// <summary>LeNet-5's C3 (<c>PartialConv2d</c>): a dense Conv whose unconnected kernels are zero. Import gathers the
/// connected kernels back through the layer's own index buffer.</summary>
internal sealed class PartialConv2dEmitter : OnnxModuleEmitter<PartialConv2d>
{
    protected override OnnxValue Emit(OnnxGraphBuilder builder, PartialConv2d module, string path, OnnxValue input)
    {
        Tensor index = Buffer(module, "scatter_index");
        Tensor bias = Parameter(module, "bias");
        string weight;
        using (Tensor dense = module.DenseWeight()) weight = builder.Weight(path + ".weight", dense);
        long k = builder.Initializer(weight)!.Dims[2];
        OnnxValue output = builder.Conv(path, input, weight, builder.Weight(path + ".bias", bias), new[] { k, k }, new[] { 1L, 1L },
            new long[4], new[] { 1L, 1L }, 1);
        builder.Bind(path,
            new OnnxParameterBinding(1, path + ".weight", dense => dense.reshape(-1, dense.shape[2], dense.shape[3]).index_select(0, index)),
            new OnnxParameterBinding(2, path + ".bias"));
        builder.MarkImplied(path + ".scatter_index");
        return output;
    }
}
