using ModelZoo.Models.Summary;
using ModelZoo.Models.Tests.Oracle;
using ModelZoo.Models.Vggs;
using Xunit.Abstractions;

namespace ModelZoo.Models.Tests.Vggs;

/// <summary>Every VGG variant against torchvision 0.14: published parameter count, the state_dict layout and
/// the published GFLOPS (one summary forward at 224×224). Each case builds one model through the registry
/// (0.5–0.6 GB) and disposes it.</summary>
public sealed class VggLayoutTests
{
    private readonly ITestOutputHelper _output;

    public VggLayoutTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [InlineData("vgg11", "A", false, 132_863_336, 22, 7.609)]
    [InlineData("vgg11_bn", "A", true, 132_868_840, 62, 7.609)]
    [InlineData("vgg13", "B", false, 133_047_848, 26, 11.308)]
    [InlineData("vgg13_bn", "B", true, 133_053_736, 76, null)]
    [InlineData("vgg16", "D", false, 138_357_544, 32, 15.47)]
    [InlineData("vgg16_bn", "D", true, 138_365_992, 97, null)]
    [InlineData("vgg19", "E", false, 143_667_240, 38, 19.632)]
    [InlineData("vgg19_bn", "E", true, 143_678_248, 118, null)]
    public void Parameters_state_dict_and_macs_equal_torchvision(string name, string config, bool batchNorm, long parameters, int entries, double? gflops)
    {
        using ImageClassifier model = Zoo.Create(name);
        var vgg = Assert.IsType<Vgg>(model);
        Assert.Equal(config, vgg.Config.Name);
        Assert.Equal(batchNorm, vgg.BatchNorm);
        Assert.Equal(parameters, model.parameters().Sum(p => p.numel()));
        IReadOnlyList<string> expected = OracleFixtures.Keys(name);
        Assert.Equal(entries, expected.Count);
        Assert.Equal(expected, OracleFixtures.Describe(model));

        // torchvision's published GFLOPS count multiply-accumulates of convolutions and linear layers at 224×224.
        // Batch norm adds none: vgg11_bn is measured once to show it, the other *_bn forwards are skipped for time.
        if (gflops is null) return;
        ModelSummaryResult summary = ModelSummary.Compute(model, new long[] { 3, 224, 224 }, modelName: name);
        _output.WriteLine($"{name}: {summary.Macs:N0} MACs ({summary.Macs / 1e9:0.####} G, torchvision {gflops} GFLOPS)");
        Assert.InRange(summary.Macs / 1e9, gflops.Value * 0.99, gflops.Value * 1.01);
    }

    [Fact]
    public void Configurations_are_torchvisions()
    {
        const int M = VggConfig.MaxPool;
        Assert.Equal(new[] { 64, M, 128, M, 256, 256, M, 512, 512, M, 512, 512, M }, VggConfig.A.Layers);
        Assert.Equal(new[] { 64, 64, M, 128, 128, M, 256, 256, 256, 256, M, 512, 512, 512, 512, M, 512, 512, 512, 512, M }, VggConfig.E.Layers);
        Assert.Equal(new[] { 8, 10, 13, 16 }, new[] { VggConfig.A, VggConfig.B, VggConfig.D, VggConfig.E }.Select(c => c.Layers.Count(v => v != M)));
        Assert.Equal(3 * 224 * 224, Zoo.Get("vgg19_bn").DefaultInputShape.Aggregate(1, (a, b) => a * b));
    }

    [Fact]
    public void Torchvision_style_builder_takes_the_number_of_classes()
    {
        using Vgg model = VggBuilders.Vgg13Bn(new() { NumClasses = 3 });
        Assert.Equal("B", model.Config.Name);
        Assert.True(model.BatchNorm);
        Assert.Equal(3, model.NumClasses);
        Assert.Equal(133_053_736 - 997 * 4097, model.parameters().Sum(p => p.numel()));
    }
}
