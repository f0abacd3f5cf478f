using ModelZoo.Models.CifarResNets;
using ModelZoo.Models.Weights.PyTorch;
using TorchSharp;
using static TorchSharp.torch;
using Net = ModelZoo.Models.CifarResNets.CifarResNet;

namespace ModelZoo.Models.Tests.CifarResNets;

/// <summary>Contract of the CIFAR ResNet family: registry names, state-dict layout (akamaster's names), parameter
/// counts from the paper's table, forward shapes and head replacement.</summary>
public sealed class CifarResNetTests
{
    [Fact]
    public void The_family_is_registered_with_the_paper_depths()
    {
        foreach (int depth in new[] { 20, 32, 44, 56, 110 })
        {
            ModelEntry entry = Zoo.Get($"resnet{depth}-cifar");
            Assert.Equal("CifarResNet", entry.Family);
            Assert.Equal(new[] { 3, 32, 32 }, entry.DefaultInputShape);
        }
        using ImageClassifier model = Zoo.Create("resnet32-cifar", new ModelOptions { NumClasses = 100, Seed = 1 });
        Assert.Equal(100, model.NumClasses);
        Assert.Throws<ArgumentException>(() => Zoo.Create("resnet20-cifar", new ModelOptions { Dropout = 0.5 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Net(new CifarResNetOptions { Depth = 21 }));
    }

    [Fact]
    public void ResNet20_has_the_reference_state_dict_layout_and_parameter_count()
    {
        using Net model = CifarResNetBuilders.ResNet20(seed: 0);
        Dictionary<string, Tensor> state = model.state_dict();
        // The key set of akamaster/pytorch_resnet_cifar10's ResNet-20 (its released checkpoint, "module." stripped).
        using var checkpoint = PyTorchCheckpoint.Load(
            RepoPaths.SharedData("checkpoints", "akamaster-resnet20-cifar10", "resnet20-12fca82f.th"));
        var reference = checkpoint.StateDict().ToDictionary(kv => kv.Key["module.".Length..], kv => kv.Value.shape);
        var ours = state.Where(kv => !kv.Key.EndsWith("num_batches_tracked", StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key, kv => kv.Value.shape);
        Assert.Equal(reference.Keys.Order(), ours.Keys.Order());
        Assert.All(reference, kv => Assert.Equal(kv.Value, ours[kv.Key]));
        Assert.Equal(97, ours.Count);
        Assert.Equal(new[] { "linear.weight", "linear.bias" }, model.named_parameters().Select(p => p.name).TakeLast(2));
        Assert.Equal(269_722, model.parameters().Sum(p => p.numel()));   // 0.27M in He et al., Table 6
        using Net resnet56 = CifarResNetBuilders.ResNet56();
        Assert.Equal(853_018, resnet56.parameters().Sum(p => p.numel())); // 0.85M
    }

    [Fact]
    public void Forward_features_pre_logits_and_head_replacement_have_the_right_shapes()
    {
        using Net model = CifarResNetBuilders.ResNet20(seed: 0);
        model.eval();
        using var noGrad = torch.no_grad();
        using Tensor x = torch.randn(2, 3, 32, 32);
        using Tensor features = model.ForwardFeatures(x);
        Assert.Equal(new long[] { 2, 64, 8, 8 }, features.shape);
        using Tensor pre = model.ForwardHead(features, preLogits: true);
        Assert.Equal(new long[] { 2, 64 }, pre.shape);
        using Tensor logits = model.call(x);
        Assert.Equal(new long[] { 2, 10 }, logits.shape);
        model.ResetClassifier(5);
        using Tensor five = model.call(x);
        Assert.Equal(new long[] { 2, 5 }, five.shape);
        Assert.Equal(5, model.NumClasses);
        model.ResetClassifier(0);
        using Tensor none = model.call(x);
        Assert.Equal(new long[] { 2, 64 }, none.shape);
        Assert.DoesNotContain(model.state_dict().Keys, k => k.StartsWith("linear.", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => model.call(torch.zeros(1, 1, 32, 32)));
    }

    [Fact]
    public void The_option_A_shortcut_subsamples_and_zero_pads_channels()
    {
        // With conv weights zeroed and BN in eval mode (identity), a block's output is relu(shortcut(x)).
        using var block = new CifarBasicBlock(16, 32, 2);
        block.eval();
        using (torch.no_grad())
            foreach (var p in block.parameters()) if (p.dim() == 4) p.zero_();
        using Tensor x = torch.arange(16 * 4 * 4, dtype: ScalarType.Float32).reshape(1, 16, 4, 4);
        using Tensor y = block.call(x);
        Assert.Equal(new long[] { 1, 32, 2, 2 }, y.shape);
        Assert.Equal(0f, y[0, ..8].abs().sum().item<float>());
        Assert.Equal(0f, y[0, 24..].abs().sum().item<float>());
        using Tensor expected = x[0, .., TensorIndex.Slice(null, null, 2), TensorIndex.Slice(null, null, 2)];
        Assert.True(y[0, 8..24].eq(expected).all().item<bool>());
    }
}
