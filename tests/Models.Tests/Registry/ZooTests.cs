using ModelZoo.Models.ResNets;

namespace ModelZoo.Models.Tests.Registry;

[Collection(nameof(GlobalRngCollection))]
public sealed class ZooTests
{
    [Fact]
    public void Lenet_names_are_registered_and_build_models_with_the_given_options()
    {
        Assert.Contains("lenet5", Zoo.Names);
        Assert.Contains("lenet5-classic", Zoo.Names);
        using ImageClassifier model = Zoo.Create("lenet5", new ModelOptions { NumClasses = 7, InputSize = 28 });
        Assert.Equal(7, model.NumClasses);
        Assert.Equal((28, 28), model.FixedInputSize);
    }

    [Fact]
    public void Unknown_name_lists_close_names()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() => Zoo.Create("lenet"));
        Assert.Contains("Unknown model 'lenet'", ex.Message);
        Assert.Contains("lenet5", ex.Message);
    }

    [Fact]
    public void Same_seed_gives_identical_initialisation()
    {
        using ImageClassifier a = Zoo.Create("lenet5", new ModelOptions { Seed = 3 });
        using ImageClassifier b = Zoo.Create("lenet5", new ModelOptions { Seed = 3 });
        using ImageClassifier c = Zoo.Create("lenet5", new ModelOptions { Seed = 4 });
        Assert.True(a.state_dict()["conv1.weight"].allclose(b.state_dict()["conv1.weight"], 0, 0));
        Assert.False(a.state_dict()["conv1.weight"].allclose(c.state_dict()["conv1.weight"], 0, 0));
    }

    [Fact]
    public void Torchvision_style_builder_syntax_works()
    {
        using ResNet model = ResNetBuilders.ResNet18(new() { NumClasses = 10 });
        Assert.Equal(10, model.NumClasses);
        Assert.Equal(11_689_512 - 513_000 + 5_130, model.parameters().Sum(p => p.numel()));
    }
}
