using ModelZoo.Models.ResNets;
using ModelZoo.Models.Tests.Oracle;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.ResNets;

/// <summary>torchvision's initialisation: a seeded build draws exactly torchvision's numbers (Kaiming-normal fan_out
/// convolutions, BN 1/0, default Linear, zero-init residual), checked against seeded torchvision builds.</summary>
[Collection(nameof(GlobalRngCollection))]
public sealed class ResNetInitTests
{
    [Fact]
    public void Seeded_resnet18_equals_torchvision_seeded_build()
    {
        using ImageClassifier model = Zoo.Create("resnet18", new ModelOptions { Seed = 0 });
        OracleFixtures.AssertInitMatches(model, "resnet18_seed0");
    }

    [Fact]
    public void Seeded_resnet50_with_zero_init_residual_equals_torchvision_seeded_build()
    {
        using var model = ResNetBuilders.ResNet50(new ResNetOptions { ZeroInitResidual = true, NumClasses = 10 }, seed: 1);
        OracleFixtures.AssertInitMatches(model, "resnet50_zero_init_seed1");
    }

    [Fact]
    public void Zero_init_residual_zeroes_the_last_norm_of_every_basic_block_only()
    {
        using var model = ResNetBuilders.ResNet18(new ResNetOptions { ZeroInitResidual = true });
        Dictionary<string, Tensor> state = model.state_dict();
        string[] zeroed = state.Keys.Where(k => k.EndsWith(".bn2.weight", StringComparison.Ordinal)).ToArray();
        Assert.Equal(8, zeroed.Length);   // 4 stages x 2 blocks
        foreach (string key in zeroed) Assert.Equal(0.0, state[key].abs().sum().item<float>());
        foreach (string key in state.Keys.Where(k => k.EndsWith(".bn1.weight", StringComparison.Ordinal) || k == "bn1.weight"))
            Assert.Equal(state[key].numel(), (long)state[key].sum().item<float>());
    }
}
