using ModelZoo.Models.Tests.Oracle;

namespace ModelZoo.Models.Tests.GoogLeNets;

/// <summary>torchvision's GoogLeNet initialisation (truncated normal std 0.01 in module order, BN 1/0, default Linear
/// biases): a seeded build draws exactly the numbers of a seeded torchvision build.</summary>
[Collection(nameof(GlobalRngCollection))]
public sealed class GoogLeNetInitTests
{
    [Fact]
    public void Seeded_googlenet_equals_torchvision_seeded_build()
    {
        using ImageClassifier model = Zoo.Create("googlenet", new ModelOptions { Seed = 0 });
        OracleFixtures.AssertInitMatches(model, "googlenet_seed0");
    }
}
