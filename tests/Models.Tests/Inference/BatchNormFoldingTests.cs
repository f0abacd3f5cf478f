using ModelZoo.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.Inference;

/// <summary>The fold formula against libtorch's own eval-mode conv → batch norm, for the cases the zoo has
/// (bias-free, with bias, grouped, non-affine norm) and the ones it refuses.</summary>
[Collection(nameof(GlobalRngCollection))]
public sealed class BatchNormFoldingTests
{
    [Theory]
    [InlineData(false, 1, true, 1e-5)]
    [InlineData(true, 1, true, 1e-3)]
    [InlineData(false, 4, true, 1e-5)]
    [InlineData(true, 2, false, 1e-5)]
    public void Folded_convolution_equals_conv_then_eval_batch_norm(bool bias, int groups, bool affine, double eps)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(groups * 10 + (bias ? 1 : 0));
        Conv2d conv = nn.Conv2d(8, 12, kernel_size: 3, stride: 2, padding: 1, groups: groups, bias: bias);
        BatchNorm2d bn = nn.BatchNorm2d(12, eps: eps, affine: affine);
        FastInferenceTests.RandomiseNormsExceptAffine(bn, affine);
        bn.eval();
        Tensor x = torch.randn(2, 8, 9, 9);
        Tensor expected;
        using (torch.no_grad()) expected = bn.call(conv.call(x));

        BatchNormFolding.FoldInto(conv, bn);

        Assert.NotNull(conv.bias);
        using (torch.no_grad())
        {
            double diff = conv.call(x).sub(expected).abs().max().item<float>();
            Assert.True(diff <= 1e-5, $"max diff {diff}");
        }
    }

    [Fact]
    public void Fold_refuses_norms_without_statistics_and_mismatched_channels()
    {
        using var scope = torch.NewDisposeScope();
        Conv2d conv = nn.Conv2d(3, 4, 3);
        Assert.Contains("running statistics", Assert.Throws<ArgumentException>(() =>
            BatchNormFolding.FoldInto(conv, nn.BatchNorm2d(4, track_running_stats: false))).Message);
        Assert.Contains("5 channels", Assert.Throws<ArgumentException>(() => BatchNormFolding.FoldInto(conv, nn.BatchNorm2d(5))).Message);
        Assert.Contains("[4] running mean", Assert.Throws<ArgumentException>(() =>
            BatchNormFolding.Fold(torch.ones(4, 3, 3, 3), null, torch.zeros(5), torch.ones(4), null, null, 1e-5)).Message);
    }
}
