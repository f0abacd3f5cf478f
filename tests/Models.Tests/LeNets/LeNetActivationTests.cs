using ModelZoo.Models.LeNets;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.LeNets;

/// <summary>LeNet-5's activation and pooling options, the registered textbook variants and the paper's scaled tanh.</summary>
public sealed class LeNetActivationTests
{
    /// <summary>The forward pass written out with functional ops on the model's own parameters: each convolution
    /// followed by <paramref name="block"/>, each hidden linear layer by <paramref name="act"/>.</summary>
    private static Tensor Reference(LeNet5 model, Tensor x, Func<Tensor, Tensor> act, Func<Tensor, Tensor> pool) =>
        WithBlocks(model, x, t => pool(act(t)), act);

    private static Tensor WithBlocks(LeNet5 model, Tensor x, Func<Tensor, Tensor> block, Func<Tensor, Tensor> act)
    {
        var p = model.state_dict();
        Tensor h = block(nn.functional.conv2d(x, p["conv1.weight"], p["conv1.bias"]));
        h = block(nn.functional.conv2d(h, p["conv2.weight"], p["conv2.bias"])).flatten(1);
        h = act(nn.functional.linear(h, p["fc1.weight"], p["fc1.bias"]));
        h = act(nn.functional.linear(h, p["fc2.weight"], p["fc2.bias"]));
        return nn.functional.linear(h, p["fc3.weight"], p["fc3.bias"]);
    }

    public static TheoryData<string, string, string> Variants => new()
    {
        { "lenet5", "relu", "max" },
        { "lenet5-tanh", "tanh", "avg" },
        { "lenet5-sigmoid", "sigmoid", "avg" },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Registered_variants_compute_conv_activation_pool(string name, string activation, string pooling)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var model = (LeNet5)Zoo.Create(name, new ModelOptions { Seed = 3 });
        model.eval();
        Func<Tensor, Tensor> act = activation switch { "relu" => t => nn.functional.relu(t), "tanh" => t => t.tanh(), _ => t => t.sigmoid() };
        Func<Tensor, Tensor> pool = pooling == "max" ? t => nn.functional.max_pool2d(t, 2) : t => nn.functional.avg_pool2d(t, 2);
        Tensor x = torch.randn(new long[] { 4, 1, 32, 32 }, generator: new torch.Generator(5));
        Tensor expected = Reference(model, x, act, pool);
        Tensor actual = model.call(x);
        Assert.True(torch.allclose(actual, expected, rtol: 1e-5, atol: 1e-6), $"{name}: max |diff| {(actual - expected).abs().max().item<float>()}");
        // The same keys as lenet5, so any LeNet-5 state dict of this layout loads into every variant.
        Assert.Equal(new[] { "conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias" },
            model.state_dict().Keys);
    }

    [Fact]
    public void ReLU_with_max_pooling_is_the_same_in_either_order()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var model = LeNetBuilders.LeNet5(seed: 4);
        Tensor x = torch.randn(new long[] { 2, 1, 32, 32 }, generator: new torch.Generator(6));
        Tensor poolFirst = WithBlocks(model, x, t => nn.functional.relu(nn.functional.max_pool2d(t, 2)), t => nn.functional.relu(t));
        Assert.Equal(poolFirst.data<float>().ToArray(), model.call(x).data<float>().ToArray());
    }

    [Fact]
    public void The_tanh_variant_is_lenet5_with_options()
    {
        using ImageClassifier model = Zoo.Create("lenet5-tanh", new ModelOptions { InputSize = 28, NumClasses = 7 });
        var lenet = Assert.IsType<LeNet5>(model);
        Assert.Equal((LeNetActivation.Tanh, LeNetPooling.Average, 28, 7), (lenet.Activation, lenet.Options.Pooling, lenet.Options.InputSize, lenet.NumClasses));
        Assert.Equal(LeNetActivation.ReLU, new LeNet5().Activation);
    }

    [Fact]
    public void The_paper_model_uses_the_scaled_tanh_and_refuses_another_activation()
    {
        using var scope = torch.NewDisposeScope();
        Tensor y = LeNetActivations.ScaledTanh(torch.tensor(new[] { -1f, 0f, 1f, 100f }));
        float[] v = y.data<float>().ToArray();
        Assert.Equal(1.7159 * Math.Tanh(2.0 / 3.0), v[2], 5);   // f(1) ≈ 1: the paper's choice of constants
        Assert.Equal(-v[2], v[0]);
        Assert.Equal(0f, v[1]);
        Assert.Equal(1.7159f, v[3], 4);
        using var classic = new LeNet5Classic(new LeNet5Options { Activation = LeNetActivation.ScaledTanh });
        var e = Assert.Throws<ArgumentException>(() => new LeNet5Classic(new LeNet5Options { Activation = LeNetActivation.Tanh }));
        Assert.Contains("scaled tanh", e.Message);
    }
}
