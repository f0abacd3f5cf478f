using ModelZoo.Models.ResNet;
using ModelZoo.Models.Tests.Oracle;

namespace ModelZoo.Models.Tests.ResNets;

/// <summary>State-dict contract: key names, shapes and order equal torchvision 0.14's (key lists made by
/// tests/fixtures/models/make_resnet_googlenet_fixtures.py with real torchvision).</summary>
public sealed class ResNetStateDictTests
{
    [Theory]
    [InlineData("resnet18", 122)]
    [InlineData("resnet34", 218)]
    [InlineData("resnet50", 320)]
    [InlineData("resnet101", 626)]
    [InlineData("resnet152", 932)]
    [InlineData("resnext50_32x4d", 320)]
    [InlineData("resnext101_32x8d", 626)]
    [InlineData("wide_resnet50_2", 320)]
    [InlineData("wide_resnet101_2", 626)]
    public void State_dict_keys_shapes_and_order_equal_torchvision(string name, int entries)
    {
        using ImageClassifier model = Zoo.Create(name);
        IReadOnlyList<string> expected = OracleFixtures.Keys(name);
        IReadOnlyList<string> actual = OracleFixtures.Describe(model);
        Assert.Equal(entries, expected.Count);
        Assert.Equal(expected, actual);
    }
}
