using ModelZoo.Models.LeNets;

namespace ModelZoo.Onnx.Export.Emitters.Families;

/// <summary>LeNet-5's trainable sub-sampling (S2, S4): w_c · (sum of each 2×2 block) + b_c is a depthwise 2×2 stride-2
/// Conv whose kernel of map c is filled with w_c.</summary>
internal sealed class SubsamplingEmitter : OnnxModuleEmitter<Subsampling>
{
    protected override OnnxValue Emit(OnnxGraphBuilder builder, Subsampling module, string path, OnnxValue input)
    {
        Tensor w = Parameter(module, "weight");
        long c = w.shape[0];
        using Tensor kernel = w.detach().view(c, 1, 1, 1).expand(c, 1, 2, 2);
        return ComputedKernelConv(builder, path, input, kernel, Parameter(module, "bias"), stride: 2, groups: c,
            k => k.mean(new long[] { 1, 2, 3 }));
    }
}
