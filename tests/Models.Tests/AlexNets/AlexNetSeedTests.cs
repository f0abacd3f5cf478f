using ModelZoo.Models.AlexNets;

namespace ModelZoo.Models.Tests.AlexNets;

/// <summary>Seeded builds through the registry are reproducible (run alone: they use torch's global generator).</summary>
[Collection(nameof(GlobalRngCollection))]
public sealed class AlexNetSeedTests
{
    [Fact]
    public void Registry_builds_alexnet_with_options_and_seed_reproducibly()
    {
        using var a = Zoo.Create("alexnet", new ModelOptions { NumClasses = 3, Seed = 42 });
        using var b = Zoo.Create("alexnet", new ModelOptions { NumClasses = 3, Seed = 42 });
        Assert.IsType<AlexNet>(a);
        Assert.Equal(3, a.NumClasses);
        Assert.True(a.state_dict()["features.0.weight"].allclose(b.state_dict()["features.0.weight"], 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Zoo.Create("alexnet", new ModelOptions { InputSize = 32 }));
    }

    [Fact]
    public void Different_seeds_give_different_weights()
    {
        using var a = Zoo.Create("alexnet-original", new ModelOptions { Seed = 1 });
        using var b = Zoo.Create("alexnet-original", new ModelOptions { Seed = 2 });
        Assert.False(a.state_dict()["features.0.weight"].allclose(b.state_dict()["features.0.weight"], 0, 0));
    }
}
