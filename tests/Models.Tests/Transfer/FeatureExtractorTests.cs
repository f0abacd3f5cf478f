using ModelZoo.Models.GoogLeNets;
using ModelZoo.Models.LeNets;
using ModelZoo.Models.ResNets;
using ModelZoo.Models.Transfer;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.Transfer;

public sealed class FeatureExtractorTests
{
    /// <summary>Every stage's output has FeatureInfo's channels and size input / reduction.</summary>
    private static void AssertStagesMatchFeatureInfo(ImageClassifier model, int size)
    {
        model.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        using var extractor = FeatureExtractor.ForStages(model);
        Tensor x = torch.randn(2, model.InChannels, size, size);
        Dictionary<string, Tensor> maps = extractor.Extract(x);
        Assert.Equal(model.FeatureInfo.Select(f => f.Module), maps.Keys);
        foreach (FeatureInfo info in model.FeatureInfo)
        {
            long[] shape = maps[info.Module].shape;
            Assert.True(shape.SequenceEqual(new long[] { 2, info.Channels, (size + info.Reduction - 1) / info.Reduction, (size + info.Reduction - 1) / info.Reduction }),
                $"{model.GetName()} {info.Module}: [{string.Join(", ", shape)}], FeatureInfo channels {info.Channels}, reduction {info.Reduction}");
        }
        // The last stage is what ForwardFeatures returns.
        Tensor features = model.ForwardFeatures(x);
        Assert.True(FreezeTests.BitEqual(features, maps[model.FeatureInfo[^1].Module]));
    }

    [Fact]
    public void ResNetStagesMatchFeatureInfo()
    {
        using ResNet model = ResNetBuilders.ResNet18(new() { NumClasses = 10 }, seed: 0);
        AssertStagesMatchFeatureInfo(model, 64);
    }

    [Fact]
    public void GoogLeNetStagesMatchFeatureInfo()
    {
        using GoogLeNet model = GoogLeNetBuilders.GoogLeNet(new GoogLeNetOptions { NumClasses = 10, AuxLogits = false, InitWeights = false });
        AssertStagesMatchFeatureInfo(model, 64);
    }

    [Fact]
    public void NamedNodesAnywhereIncludingTheHead()
    {
        using LeNet5 model = LeNetBuilders.LeNet5(new LeNet5Options { InputSize = 28 }, seed: 0);
        model.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        using var extractor = new FeatureExtractor(model, "fc2", "conv1", "fc3");
        Tensor x = torch.randn(3, 1, 28, 28);
        Dictionary<string, Tensor> maps = extractor.Extract(x);
        Assert.Equal(new[] { "fc2", "conv1", "fc3" }, maps.Keys);
        Assert.Equal(new long[] { 3, 84 }, maps["fc2"].shape);
        Assert.Equal(new long[] { 3, 6, 24, 24 }, maps["conv1"].shape);
        Assert.True(maps["fc3"].allclose(model.call(x)));
        // Calls outside Extract are not captured, and a second Extract gives the same values.
        model.call(x);
        Dictionary<string, Tensor> again = extractor.Extract(x);
        Assert.True(FreezeTests.BitEqual(again["conv1"], maps["conv1"]));
    }

    [Fact]
    public void BadNamesAndUseAfterDisposeAreClearErrors()
    {
        using LeNet5 model = LeNetBuilders.LeNet5(new LeNet5Options { InputSize = 28 }, seed: 0);
        var ex = Assert.Throws<KeyNotFoundException>(() => new FeatureExtractor(model, "conv3"));
        Assert.Contains("conv1, conv2, fc1, fc2, fc3", ex.Message);
        Assert.Throws<ArgumentException>(() => new FeatureExtractor(model));
        Assert.Throws<ArgumentOutOfRangeException>(() => FeatureExtractor.ForStages(model, 2));
        var extractor = new FeatureExtractor(model, "conv2");
        extractor.Dispose();
        extractor.Dispose();
        using Tensor x = torch.zeros(1, 1, 28, 28);
        Assert.Throws<ObjectDisposedException>(() => extractor.Extract(x));
    }

    [Fact]
    public void GradientsFlowThroughExtractedFeatures()
    {
        using LeNet5 model = LeNetBuilders.LeNet5(new LeNet5Options { InputSize = 28 }, seed: 0);
        using var scope = torch.NewDisposeScope();
        using var extractor = new FeatureExtractor(model, "conv2");
        Tensor map = extractor.Extract(torch.randn(2, 1, 28, 28))["conv2"];
        map.sum().backward();
        Assert.NotNull(model.named_parameters().First(p => p.name == "conv1.weight").parameter.grad);
    }

    [Fact]
    public void HeadlessBackboneReturnsPooledOrUnpooledFeatures()
    {
        ResNet model = ResNetBuilders.ResNet18(new() { NumClasses = 10 }, seed: 0);
        using var backbone = new HeadlessBackbone(model);
        using var unpooled = new HeadlessBackbone(model, pooled: false);
        model.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.randn(2, 3, 64, 64);
        Tensor pooled = backbone.call(x);
        Assert.Equal(new long[] { 2, 512 }, pooled.shape);
        Assert.Equal(512, backbone.NumFeatures);
        Assert.True(pooled.allclose(model.ForwardHead(model.ForwardFeatures(x), preLogits: true)));
        Assert.Equal(new long[] { 2, 512, 2, 2 }, unpooled.call(x).shape);
        Assert.StartsWith("model.", backbone.state_dict().Keys.First());
    }

    [Fact]
    public void CifarResNetStagesSurviveTheModelsOwnDisposeScope()
    {
        // CifarResNet runs its layers inside its own dispose scope; the captures must outlive it.
        using ImageClassifier model = Zoo.Create("resnet20-cifar");
        AssertStagesMatchFeatureInfo(model, 32);
    }

    [Fact]
    public void ForwardReturnsTheOutputAndGradientLeavesReachFrozenLayers()
    {
        using ResNet model = ResNetBuilders.ResNet18(new() { NumClasses = 10 }, seed: 0);
        model.eval();
        foreach (var p in model.parameters()) p.requires_grad = false;
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.randn(1, 3, 64, 64);
        using var extractor = new FeatureExtractor(model, "layer3", "layer4") { GradientLeaves = true };
        (Tensor logits, Dictionary<string, Tensor> maps) = extractor.Forward(x);
        Assert.Equal(new long[] { 1, 10 }, logits.shape);
        Assert.True(maps["layer3"].requires_grad && maps["layer4"].requires_grad);
        IList<Tensor> grads = torch.autograd.grad(new[] { logits[0, 3] }, new[] { maps["layer3"], maps["layer4"] });
        Assert.Equal(maps["layer3"].shape, grads[0].shape);
        Assert.True(grads[0].abs().sum().item<float>() > 0 && grads[1].abs().sum().item<float>() > 0);
        using var noGrad = torch.no_grad();
        Assert.True(FreezeTests.BitEqual(model.call(x), logits.detach()));   // the leaves change no value

        var ex = Assert.Throws<KeyNotFoundException>(() => new FeatureExtractor(model, "layer4.1.cnv2"));
        Assert.Contains("Did you mean 'layer4.1.conv2'?", ex.Message);
    }
}
