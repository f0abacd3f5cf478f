using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.Core;

/// <summary>⌊(H + 2P − K)/S⌋ + 1 holds for libtorch's convolution and pooling, as our shape reasoning assumes.</summary>
public sealed class OutputSizeFormulaTests
{
    private static long Formula(long h, long k, long s, long p) => (h + 2 * p - k) / s + 1;

    [Theory]
    [InlineData(32, 5, 1, 0)]
    [InlineData(28, 5, 1, 2)]
    [InlineData(224, 11, 4, 2)]
    [InlineData(224, 7, 2, 3)]
    [InlineData(17, 3, 2, 1)]
    [InlineData(15, 4, 3, 1)]
    public void Convolution_and_max_pool_follow_the_formula(int h, int k, int s, int p)
    {
        using var conv = nn.Conv2d(1, 1, k, stride: s, padding: p);
        using Tensor x = torch.zeros(1, 1, h, h + 1);
        using Tensor y = conv.call(x);
        Assert.Equal(Formula(h, k, s, p), y.shape[2]);
        Assert.Equal(Formula(h + 1, k, s, p), y.shape[3]);
        if (p * 2 <= k)
        {
            using Tensor m = nn.functional.max_pool2d(x, k, s, p);
            Assert.Equal(Formula(h, k, s, p), m.shape[2]);
        }
    }

    [Fact]
    public void LeNet5_spatial_sizes_follow_the_formula()
    {
        long h = Formula(Formula(Formula(Formula(32, 5, 1, 0), 2, 2, 0), 5, 1, 0), 2, 2, 0);
        Assert.Equal(5, h);
        long h28 = Formula(Formula(Formula(Formula(28, 5, 1, 0), 2, 2, 0), 5, 1, 0), 2, 2, 0);
        Assert.Equal(4, h28);
    }
}
