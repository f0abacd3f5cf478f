using ModelZoo.Models.Tests.Support;
using ModelZoo.Models.Vgg;

namespace ModelZoo.Models.Tests.Vgg;

/// <summary>Every VGG variant against torchvision 0.14: published parameter count and the state_dict layout.
/// Each case builds one model through the registry (0.5–0.6 GB) and disposes it.</summary>
public sealed class VggLayoutTests
{
    [Theory]
    [InlineData("vgg11", "A", false, 132_863_336, 22)]
    [InlineData("vgg11_bn", "A", true, 132_868_840, 62)]
    [InlineData("vgg13", "B", false, 133_047_848, 26)]
    [InlineData("vgg13_bn", "B", true, 133_053_736, 76)]
    [InlineData("vgg16", "D", false, 138_357_544, 32)]
    [InlineData("vgg16_bn", "D", true, 138_365_992, 97)]
    [InlineData("vgg19", "E", false, 143_667_240, 38)]
    [InlineData("vgg19_bn", "E", true, 143_678_248, 118)]
    public void Parameter_count_and_state_dict_equal_torchvision(string name, string config, bool batchNorm, long parameters, int entries)
    {
        using ImageClassifier model = Zoo.Create(name);
        var vgg = Assert.IsType<Models.Vgg.Vgg>(model);
        Assert.Equal(config, vgg.Config.Name);
        Assert.Equal(batchNorm, vgg.BatchNorm);
        Assert.Equal(parameters, StateDictAssert.ParameterCount(model));
        Assert.Equal(entries, model.state_dict().Count);
        TorchvisionKeyList expected = TorchvisionKeyList.Load(name);
        Assert.Equal(entries, expected.Entries.Count);
        StateDictAssert.MatchesTorchvision(model, expected);
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
}
