using ModelZoo.Models.AlexNets;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.AlexNets;

/// <summary>AlexNet as in Krizhevsky et al. 2012.</summary>
public sealed class AlexNetOriginalTests
{
    // Hand count (paper, Fig. 2): conv1 96·3·11·11+96, conv2 256·48·25+256, conv3 384·256·9+384,
    // conv4 384·192·9+384, conv5 256·192·9+256, fc6 9216·4096+4096, fc7 4096·4096+4096, fc8 4096·1000+1000.
    private const long TwoGroupParams = 34_944 + 307_456 + 885_120 + 663_936 + 442_624 + 37_752_832 + 16_781_312 + 4_097_000;

    [Fact]
    public void Parameter_counts_match_the_papers_layers()
    {
        Assert.Equal(60_965_224, TwoGroupParams);
        using var grouped = AlexNetBuilders.AlexNetOriginal();
        Assert.Equal(TwoGroupParams, grouped.parameters().Sum(p => p.numel()));
        using var single = AlexNetBuilders.AlexNetOriginal(new AlexNetOriginalOptions { TwoGroups = false });
        Assert.Equal(62_378_344, single.parameters().Sum(p => p.numel()));
        Assert.Equal(new long[] { 256, 48, 5, 5 }, grouped.state_dict()["features.4.weight"].shape);
        Assert.Equal(new long[] { 256, 96, 5, 5 }, single.state_dict()["features.4.weight"].shape);
    }

    [Fact]
    public void Layout_has_lrn_after_conv1_and_conv2_and_overlapping_pools()
    {
        using var model = AlexNetBuilders.AlexNetOriginal();
        var named = ModuleTree.NamedDescendants(model).ToDictionary(m => m.Name, m => m.Module);
        Assert.IsType<LocalResponseNorm>(named["features.2"]);
        Assert.IsType<LocalResponseNorm>(named["features.6"]);
        foreach (string pool in new[] { "features.3", "features.7", "features.14" }) Assert.IsType<MaxPool2d>(named[pool]);
        foreach (string conv in new[] { "features.0", "features.4", "features.8", "features.10", "features.12" }) Assert.IsType<Conv2d>(named[conv]);
        Assert.Equal(new[] { "classifier.1.weight", "classifier.1.bias", "classifier.4.weight", "classifier.4.bias", "classifier.6.weight", "classifier.6.bias" },
            model.state_dict().Keys.Where(k => k.StartsWith("classifier", StringComparison.Ordinal)));
    }

    [Fact]
    public void Paper_initialisation_biases_are_one_in_conv2_conv4_conv5_fc6_fc7()
    {
        using var model = AlexNetBuilders.AlexNetOriginal(seed: 3);
        Dictionary<string, Tensor> s = model.state_dict();
        foreach (string one in new[] { "features.4.bias", "features.10.bias", "features.12.bias", "classifier.1.bias", "classifier.4.bias" })
            Assert.True(s[one].eq(1).all().item<bool>(), one);
        foreach (string zero in new[] { "features.0.bias", "features.8.bias", "classifier.6.bias" })
            Assert.True(s[zero].eq(0).all().item<bool>(), zero);
        double std = s["classifier.1.weight"].std().item<float>();
        Assert.InRange(std, 0.0099, 0.0101);
    }

    [Theory]
    [InlineData(227)]
    [InlineData(224)]
    public void Forward_runs_at_its_fixed_input_size_only(int size)
    {
        using var model = AlexNetBuilders.AlexNetOriginal(new AlexNetOriginalOptions { InputSize = size, NumClasses = 10 });
        model.eval();
        using var noGrad = torch.no_grad();
        using Tensor f = model.ForwardFeatures(torch.zeros(1, 3, size, size));
        Assert.Equal(new long[] { 1, 256, 6, 6 }, f.shape);
        using Tensor y = model.ForwardHead(f);
        Assert.Equal(new long[] { 1, 10 }, y.shape);
        var ex = Assert.Throws<ArgumentException>(() => model.call(torch.zeros(1, 3, size + 1, size)));
        Assert.Contains($"[N, 3, {size}, {size}]", ex.Message);
    }

    [Fact]
    public void Builders_take_the_number_of_classes()
    {
        using var original = AlexNetBuilders.AlexNetOriginal(new() { NumClasses = 10 });
        Assert.Equal(10, original.NumClasses);
        using var tv = AlexNetBuilders.AlexNet(new() { NumClasses = 7 });
        Assert.Equal(7, tv.NumClasses);
        Assert.Equal(new long[] { 7, 4096 }, tv.state_dict()["classifier.6.weight"].shape);
    }

    [Fact]
    public void Registry_name_and_invalid_input_size()
    {
        Assert.Contains("alexnet-original", Zoo.Names);
        Assert.Throws<ArgumentOutOfRangeException>(() => Zoo.Create("alexnet-original", new ModelOptions { InputSize = 200 }));
    }
}
