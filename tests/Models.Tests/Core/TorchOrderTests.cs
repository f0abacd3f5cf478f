using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.Core;

/// <summary>The PyTorch-order helpers that TorchSharp 0.107 lacks: state_dict order, module walk order, trunc_normal_.</summary>
public sealed class TorchOrderTests
{
    // Sequential("0" conv, "1" BN, "2" Sequential("0" BN)) then a Linear "head": PyTorch orders the state per module
    // (own params, own buffers, children) and walks modules depth-first.
    private static nn.Module<Tensor, Tensor> Tree() => nn.Sequential(
        ("0", nn.Conv2d(1, 2, 3)),
        ("1", nn.BatchNorm2d(2)),
        ("2", nn.Sequential(("0", nn.BatchNorm2d(2)))),
        ("3", nn.Linear(2, 2)));

    [Fact]
    public void State_dict_lists_each_modules_parameters_then_buffers_then_children()
    {
        using nn.Module<Tensor, Tensor> tree = Tree();
        string[] expected =
        {
            "0.weight", "0.bias",
            "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked",
            "2.0.weight", "2.0.bias", "2.0.running_mean", "2.0.running_var", "2.0.num_batches_tracked",
            "3.weight", "3.bias",
        };
        Assert.Equal(expected, TorchStateDict.InPyTorchOrder(tree).Keys);
        Assert.Equal(expected.OrderBy(k => k), tree.state_dict().Keys.OrderBy(k => k));   // same entries as TorchSharp's
        Assert.Equal(new[] { "p.0.weight", "p.0.bias" }, TorchStateDict.InPyTorchOrder(tree, prefix: "p").Keys.Take(2));
    }

    [Fact]
    public void Module_walk_is_depth_first_pre_order()
    {
        using nn.Module<Tensor, Tensor> tree = Tree();
        Assert.Equal(new[] { "0", "1", "2", "2.0", "3" }, ModuleTree.NamedDescendants(tree).Select(m => m.Name));
    }

    [Fact]
    public void Trunc_normal_draws_a_truncated_normal_not_a_constant()
    {
        using Tensor wide = torch.empty(200_000);
        TorchInit.TruncNormal_(wide, mean: 0, std: 0.01, a: -2, b: 2);
        Assert.InRange(wide.mean().item<float>(), -2e-4, 2e-4);
        Assert.InRange(wide.std().item<float>(), 0.0099, 0.0101);

        using Tensor tight = torch.empty(200_000);
        TorchInit.TruncNormal_(tight, mean: 1, std: 1, a: 0.5, b: 1.5);
        Assert.InRange(tight.min().item<float>(), 0.5f, 0.51f);
        Assert.InRange(tight.max().item<float>(), 1.49f, 1.5f);
        // Normal(1, 1) truncated to ±0.5: std = sqrt(1 - 2·0.5·φ(0.5)/(2Φ(0.5) − 1)) ≈ 0.2839.
        Assert.InRange(tight.std().item<float>(), 0.281, 0.287);
        Assert.Throws<ArgumentException>(() => TorchInit.TruncNormal_(tight, a: 1, b: 1));
    }
}
