using ModelZoo.Models.LeNets;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.LeNets;

public sealed class LeNetTests
{
    private static long Count(nn.Module module, string prefix) =>
        module.named_parameters().Where(p => p.name.StartsWith(prefix + ".", StringComparison.Ordinal)).Sum(p => p.parameter.numel());

    [Fact]
    public void LeNet5_for_32x32_has_61706_parameters_and_torchvision_style_keys()
    {
        using var model = new LeNet5();
        Assert.Equal(61_706, model.parameters().Sum(p => p.numel()));
        Assert.Equal(new[] { "conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias" },
            model.state_dict().Keys.ToArray());
        Assert.Equal(new long[] { 120, 400 }, model.state_dict()["fc1.weight"].shape);
    }

    [Fact]
    public void LeNet5_for_28x28_takes_256_features_into_fc1()
    {
        using var model = new LeNet5(new LeNet5Options { InputSize = 28 });
        Assert.Equal(new long[] { 120, 256 }, model.state_dict()["fc1.weight"].shape);
        Assert.Equal(61_706 - 144 * 120, model.parameters().Sum(p => p.numel()));
        using Tensor y = model.call(torch.zeros(3, 1, 28, 28));
        Assert.Equal(new long[] { 3, 10 }, y.shape);
    }

    [Fact]
    public void LeNet5Classic_layer_counts_equal_the_paper()
    {
        using var model = new LeNet5Classic();
        Assert.Equal(156, Count(model, "c1"));
        Assert.Equal(12, Count(model, "s2"));
        Assert.Equal(1_516, Count(model, "c3"));
        Assert.Equal(32, Count(model, "s4"));
        Assert.Equal(48_120, Count(model, "c5"));
        Assert.Equal(10_164, Count(model, "f6"));
        using Tensor y = model.call(torch.randn(2, 1, 32, 32));
        Assert.Equal(new long[] { 2, 10 }, y.shape);
    }

    [Fact]
    public void C3_kernel_is_zero_exactly_where_the_connection_table_says_so()
    {
        using var conv = new PartialConv2d(6, LeNet5Classic.C3ConnectionTable, 5);
        using Tensor dense = conv.DenseWeight();
        for (int o = 0; o < 16; o++)
        {
            for (int i = 0; i < 6; i++)
            {
                double norm = dense[o, i].abs().sum().item<float>();
                bool connected = LeNet5Classic.C3ConnectionTable[o].Contains(i);
                Assert.True(connected ? norm > 0 : norm == 0, $"map {o} <- {i}: connected={connected}, |w|={norm}");
            }
        }
        Assert.Equal(60, LeNet5Classic.C3ConnectionTable.Sum(t => t.Length));
    }

    [Fact]
    public void C3_matches_a_dense_convolution_with_the_masked_kernel_and_only_connected_weights_get_gradients()
    {
        using var conv = new PartialConv2d(6, LeNet5Classic.C3ConnectionTable, 5);
        using Tensor x = torch.randn(2, 6, 14, 14);
        using Tensor y = conv.call(x);
        using Tensor dense = conv.DenseWeight();
        using Tensor bias = conv.parameters().Last();
        using Tensor expected = nn.functional.conv2d(x, dense, bias);
        Assert.True(torch.allclose(y, expected, 1e-5, 1e-5));
        Assert.Equal(new long[] { 2, 16, 10, 10 }, y.shape);
    }

    [Fact]
    public void Scaled_tanh_is_1_7159_tanh_of_two_thirds_x()
    {
        using Tensor x = torch.tensor(new[] { -2f, 0f, 1f, 3f });
        using Tensor y = LeNet5Classic.ScaledTanh(x);
        float[] got = y.data<float>().ToArray();
        float[] want = new[] { -2f, 0f, 1f, 3f }.Select(v => (float)(1.7159 * Math.Tanh(2.0 * v / 3.0))).ToArray();
        for (int i = 0; i < 4; i++) Assert.Equal(want[i], got[i], 5);
    }

    [Theory]
    [InlineData(2, 28)]
    [InlineData(1, 64)]
    public void Wrong_input_shapes_give_an_argument_exception_naming_the_expected_form(int channels, int size)
    {
        using var model = new LeNet5();
        var ex = Assert.Throws<ArgumentException>(() => model.call(torch.zeros(1, channels, size, size)));
        Assert.Contains("[N, 1, 32, 32]", ex.Message);
    }

    [Fact]
    public void Reset_classifier_changes_the_number_of_outputs_and_keeps_the_key()
    {
        using var model = new LeNet5();
        model.ResetClassifier(5);
        Assert.Equal(5, model.NumClasses);
        Assert.Equal(new long[] { 5, 84 }, model.state_dict()["fc3.weight"].shape);
        Assert.Equal(10, model.state_dict().Count);
        using Tensor y = model.call(torch.zeros(1, 1, 32, 32));
        Assert.Equal(new long[] { 1, 5 }, y.shape);
    }

    [Fact]
    public void Features_then_head_equals_forward_and_pre_logits_has_84_features()
    {
        using var model = new LeNet5();
        model.eval();
        using Tensor x = torch.randn(2, 1, 32, 32);
        using Tensor full = model.call(x);
        using Tensor f = model.ForwardFeatures(x);
        using Tensor split = model.ForwardHead(f);
        using Tensor pre = model.ForwardHead(f, preLogits: true);
        Assert.True(full.allclose(split, 0, 0));
        Assert.Equal(new long[] { 2, 16, 5, 5 }, f.shape);
        Assert.Equal(new long[] { 2, 84 }, pre.shape);
    }
}
