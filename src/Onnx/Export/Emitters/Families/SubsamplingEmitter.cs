using ModelZoo.Models.LeNets;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Onnx.Export.Emitters.Families;

/// <summary>LeNet-5's trainable sub-sampling (S2, S4): w_c · (sum of each 2×2 block) + b_c is a depthwise 2×2 stride-2
/// Conv whose kernel of map c is filled with w_c.</summary>
internal sealed class SubsamplingEmitter : OnnxModuleEmitter<Subsampling>
{
    protected override OnnxValue Emit(OnnxGraphBuilder builder, Subsampling module, string path, OnnxValue input)
    {
        Tensor w = Parameter(module, "weight");
        Tensor b = Parameter(module, "bias");
        long c = w.shape[0];
        string weight;
        using (Tensor kernel = w.detach().view(c, 1, 1, 1).expand(c, 1, 2, 2)) weight = builder.Weight(path + ".weight", kernel);
        OnnxValue output = builder.Conv(path, input, weight, builder.Weight(path + ".bias", b), new[] { 2L, 2L }, new[] { 2L, 2L },
            new long[4], new[] { 1L, 1L }, c);
        builder.Bind(path,
            new OnnxParameterBinding(1, path + ".weight", kernel => kernel.mean(new long[] { 1, 2, 3 })),
            new OnnxParameterBinding(2, path + ".bias"));
        return output;
    }
}
