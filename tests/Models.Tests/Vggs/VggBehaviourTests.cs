using ModelZoo.Models.Vggs;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.Vggs;

/// <summary>VGG initialisation, feature stages and input checks on one vgg11_bn built for the class.</summary>
public sealed class VggBehaviourTests : IClassFixture<VggBehaviourTests.Shared>
{
    public sealed class Shared : IDisposable
    {
        public Vgg Model { get; } = VggBuilders.Vgg11Bn();
        public void Dispose() => Model.Dispose();
    }

    private readonly Vgg _model;

    public VggBehaviourTests(Shared shared) => _model = shared.Model;

    [Fact]
    public void Torchvision_initialisation_per_layer_type()
    {
        Dictionary<string, Tensor> s = _model.state_dict();
        // features.8: Conv2d(128, 256, 3), Kaiming normal with fan_out = 256·9 and gain √2 → std √(2/2304) = 0.0295.
        Assert.InRange(s["features.8.weight"].std().item<float>(), 0.0290, 0.0300);
        Assert.True(s["features.8.bias"].eq(0).all().item<bool>());
        Assert.True(s["features.1.weight"].eq(1).all().item<bool>());
        Assert.True(s["features.1.bias"].eq(0).all().item<bool>());
        Assert.InRange(s["classifier.0.weight"].std().item<float>(), 0.0099, 0.0101);
        Assert.True(s["classifier.6.bias"].eq(0).all().item<bool>());
    }

    [Fact]
    public void Feature_info_names_each_pool_output_and_forward_features_ends_at_stride_32()
    {
        Assert.Equal(new[] { "features.3", "features.7", "features.14", "features.21", "features.28" }, _model.FeatureInfo.Select(f => f.Module));
        Assert.Equal(new[] { 64, 128, 256, 512, 512 }, _model.FeatureInfo.Select(f => f.Channels));
        Assert.Equal(new[] { 2, 4, 8, 16, 32 }, _model.FeatureInfo.Select(f => f.Reduction));
        var named = ModuleTree.NamedDescendants(_model).ToDictionary(m => m.Name, m => m.Module);
        Assert.All(_model.FeatureInfo, f => Assert.IsType<MaxPool2d>(named[f.Module]));
        _model.eval();
        using var noGrad = torch.no_grad();
        using Tensor features = _model.ForwardFeatures(torch.zeros(1, 3, 64, 96));
        Assert.Equal(new long[] { 1, 512, 2, 3 }, features.shape);
        using Tensor pre = _model.ForwardHead(features, preLogits: true);
        Assert.Equal(new long[] { 1, 4096 }, pre.shape);
    }

    [Fact]
    public void Input_checks_name_the_expected_shape()
    {
        _model.eval();
        using var noGrad = torch.no_grad();
        using (Tensor ok = torch.zeros(1, 3, 32, 32))
        using (Tensor y = _model.call(ok))
            Assert.Equal(new long[] { 1, 1000 }, y.shape);
        var small = Assert.Throws<ArgumentException>(() => _model.call(torch.zeros(1, 3, 31, 64)));
        Assert.Contains("[N, 3, H, W] with H, W >= 32", small.Message);
        var channels = Assert.Throws<ArgumentException>(() => _model.call(torch.zeros(2, 4, 64, 64)));
        Assert.Contains("[2, 4, 64, 64]", channels.Message);
        Assert.Throws<ArgumentException>(() => _model.call(torch.zeros(3, 32, 32)));
    }
}
