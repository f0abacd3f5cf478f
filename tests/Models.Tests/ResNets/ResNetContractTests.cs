using ModelZoo.Models.ResNets;
using ModelZoo.Models.Tests.Oracle;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.ResNets;

/// <summary>The ImageClassifier contract on ResNets: input validation, classifier reset, input channels, feature
/// stages, dropout option, registry and builder options.</summary>
public sealed class ResNetContractTests
{
    [Fact]
    public void Wrong_channel_count_throws_naming_the_expected_shape()
    {
        using ImageClassifier model = Zoo.Create("resnet18");
        using Tensor gray = torch.zeros(2, 1, 32, 32);
        var ex = Assert.Throws<ArgumentException>(() => model.call(gray));
        Assert.Contains("[N, 3, H, W]", ex.Message);
        Assert.Contains("[2, 1, 32, 32]", ex.Message);
    }

    [Fact]
    public void Empty_spatial_size_throws_and_a_1x1_input_works_as_torchvision_min_size()
    {
        using ImageClassifier model = Zoo.Create("resnet18", new ModelOptions { NumClasses = 4 });
        model.eval();
        Assert.Equal(1, model.MinInputSize);
        using Tensor empty = torch.zeros(1, 3, 0, 8);
        var ex = Assert.Throws<ArgumentException>(() => model.call(empty));
        Assert.Contains("[N, 3, H, W]", ex.Message);
        using var noGrad = torch.no_grad();
        using Tensor tiny = torch.ones(1, 3, 1, 1);
        using Tensor logits = model.call(tiny);
        Assert.Equal(new long[] { 1, 4 }, logits.shape);
    }

    [Fact]
    public void Reset_classifier_replaces_fc_and_changes_the_output_shape()
    {
        using var model = ResNetBuilders.ResNet18();
        model.eval();
        model.ResetClassifier(10);
        Assert.Equal(10, model.NumClasses);
        var fc = Assert.IsType<TorchSharp.Modules.Linear>(model.GetClassifier());
        Assert.Equal(new long[] { 10, 512 }, fc.weight!.shape);
        Assert.Same(fc, model.named_children().Single(c => c.name == "fc").module);
        using var noGrad = torch.no_grad();
        using Tensor input = DeterministicFill.Input(2, 3, 32, 32);
        using Tensor logits = model.call(input);
        Assert.Equal(new long[] { 2, 10 }, logits.shape);

        model.ResetClassifier(0);   // identity: the model returns the pooled features
        Assert.Equal(0, model.NumClasses);
        Assert.DoesNotContain(model.state_dict().Keys, k => k.StartsWith("fc.", StringComparison.Ordinal));
        using Tensor features = model.call(input);
        using Tensor map = model.ForwardFeatures(input);
        using Tensor pooled = model.ForwardHead(map, preLogits: true);
        Assert.Equal(new long[] { 2, 512 }, features.shape);
        Assert.True(features.allclose(pooled));
    }

    [Fact]
    public void In_channels_1_replaces_the_stem_conv()
    {
        using ImageClassifier model = Zoo.Create("resnet18", new ModelOptions { InChannels = 1, NumClasses = 3 });
        Assert.Equal(new long[] { 64, 1, 7, 7 }, model.state_dict()["conv1.weight"].shape);
        Assert.Equal("conv1", model.StemName);
        Assert.Equal(1, model.InChannels);
        model.eval();
        using var noGrad = torch.no_grad();
        using Tensor gray = torch.ones(1, 1, 16, 16);
        using Tensor logits = model.call(gray);
        Assert.Equal(new long[] { 1, 3 }, logits.shape);
        using Tensor rgb = torch.ones(1, 3, 16, 16);
        Assert.Contains("[N, 1, H, W]", Assert.Throws<ArgumentException>(() => model.call(rgb)).Message);
    }

    [Theory]
    [InlineData("resnet18", 64)]
    [InlineData("resnet50", 256)]
    public void Feature_info_matches_the_stage_outputs(string name, int layer1Channels)
    {
        using ImageClassifier model = Zoo.Create(name, new ModelOptions { NumClasses = 2 });
        model.eval();
        Assert.Equal(new[] { "relu", "layer1", "layer2", "layer3", "layer4" }, model.FeatureInfo.Select(f => f.Module));
        Assert.Equal(layer1Channels, model.FeatureInfo[1].Channels);
        Assert.Equal(new[] { 2, 4, 8, 16, 32 }, model.FeatureInfo.Select(f => f.Reduction));
        Assert.Equal(model.FeatureInfo[^1].Channels, model.NumFeatures);

        var shapes = new Dictionary<string, long[]>();
        var modules = ModuleTree.NamedDescendants(model).ToDictionary(m => m.Name, m => m.Module);
        var handles = model.FeatureInfo.Select(f => ((nn.Module<Tensor, Tensor>)modules[f.Module])
            .register_forward_hook((m, input, output) => { shapes[f.Module] = output.shape; return output; })).ToList();
        using var noGrad = torch.no_grad();
        using Tensor x = DeterministicFill.Input(1, 3, 64, 64);
        using Tensor logits = model.call(x);
        foreach (FeatureInfo f in model.FeatureInfo)
            Assert.Equal(new long[] { 1, f.Channels, 64 / f.Reduction, 64 / f.Reduction }, shapes[f.Module]);
        handles.ForEach(h => h.remove());
    }

    [Fact]
    public void Dropout_option_adds_no_state_and_is_inactive_in_eval()
    {
        using ImageClassifier plain = Zoo.Create("resnet18", new ModelOptions { NumClasses = 5 });
        using ImageClassifier dropped = Zoo.Create("resnet18", new ModelOptions { NumClasses = 5, Dropout = 0.5 });
        Assert.Equal(OracleFixtures.Describe(plain), OracleFixtures.Describe(dropped));
        DeterministicFill.Fill(plain, 1.0);
        DeterministicFill.Fill(dropped, 1.0);
        plain.eval();
        dropped.eval();
        using var noGrad = torch.no_grad();
        using Tensor x = DeterministicFill.Input(2, 3, 32, 32);
        using Tensor features = dropped.ForwardFeatures(x);
        using Tensor a = plain.call(x);
        using Tensor b = dropped.call(x);
        Assert.True(a.allclose(b));
        dropped.train();
        using Tensor t1 = dropped.ForwardHead(features);
        using Tensor t2 = dropped.ForwardHead(features);
        Assert.False(t1.allclose(t2));   // dropout active in training
    }

    [Fact]
    public void Registry_lists_every_variant_and_builders_reject_conflicting_widths()
    {
        string[] names = { "resnet18", "resnet34", "resnet50", "resnet101", "resnet152", "resnext50_32x4d",
            "resnext101_32x8d", "wide_resnet50_2", "wide_resnet101_2" };
        Assert.All(names, n => Assert.Contains(n, Zoo.Names));
        Assert.All(names, n => Assert.Equal("ResNet", Zoo.Get(n).Family));
        Assert.Throws<ArgumentException>(() => Zoo.Create("resnet18", new ModelOptions { InputSize = 224 }));
        var ex = Assert.Throws<ArgumentException>(() => ResNetBuilders.ResNeXt50_32x4d(new ResNetOptions { Groups = 8 }));
        Assert.Contains("Groups=32", ex.Message);
        Assert.Throws<ArgumentException>(() => ResNetBuilders.ResNet18(new ResNetOptions { Groups = 32, WidthPerGroup = 4 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ResNetBuilders.ResNet18(new ResNetOptions { Dropout = 1.5 }));
    }
}
