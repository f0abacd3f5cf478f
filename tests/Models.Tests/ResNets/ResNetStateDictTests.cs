using ModelZoo.Models.ResNets;
using ModelZoo.Models.Tests.Oracle;
using ResNetModel = ModelZoo.Models.ResNets.ResNet;

namespace ModelZoo.Models.Tests.ResNets;

/// <summary>State-dict contract and parameter counts: key names, shapes and order equal torchvision 0.14's (key lists
/// made by tests/fixtures/models/make_resnet_googlenet_fixtures.py with real torchvision); counts are torchvision's
/// published <c>num_params</c>.</summary>
public sealed class ResNetStateDictTests
{
    [Theory]
    [InlineData("resnet18", 122, 11_689_512)]
    [InlineData("resnet34", 218, 21_797_672)]
    [InlineData("resnet50", 320, 25_557_032)]
    [InlineData("resnet101", 626, 44_549_160)]
    [InlineData("resnet152", 932, 60_192_808)]
    [InlineData("resnext50_32x4d", 320, 25_028_904)]
    [InlineData("resnext101_32x8d", 626, 88_791_336)]
    [InlineData("wide_resnet50_2", 320, 68_883_240)]
    [InlineData("wide_resnet101_2", 626, 126_886_696)]
    public void Keys_shapes_order_and_parameter_count_equal_torchvision(string name, int entries, long parameters)
    {
        using ImageClassifier model = Zoo.Create(name);
        IReadOnlyList<string> expected = OracleFixtures.Keys(name);
        Assert.Equal(entries, expected.Count);
        Assert.Equal(expected, OracleFixtures.Describe(model));
        Assert.Equal(parameters, model.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void Reset_classifier_keeps_torchvision_order_with_fc_last()
    {
        using ResNetModel model = ResNetBuilders.ResNet18();
        model.ResetClassifier(10);
        IReadOnlyList<string> expected = OracleFixtures.Keys("resnet18").ToArray();
        IReadOnlyList<string> actual = OracleFixtures.Describe(model);
        Assert.Equal(expected.Take(expected.Count - 2), actual.Take(actual.Count - 2));
        Assert.Equal(new[] { "fc.weight [10, 512]", "fc.bias [10]" }, actual.Skip(actual.Count - 2));
    }
}
