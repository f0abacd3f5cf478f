using ModelZoo.Models;
using ModelZoo.Models.AlexNets;
using ModelZoo.Models.GoogLeNets;
using ModelZoo.Models.LeNets;
using ModelZoo.Models.ResNets;
using ModelZoo.Models.Vggs;
using ModelZoo.Onnx.Export;

namespace ModelZoo.Onnx.Tests;

/// <summary>Every family variant exports and ONNX Runtime reproduces the eval forward (batch 1 and 3, dynamic batch).
/// Small inputs and class counts keep each case to seconds; <see cref="EveryRegisteredModelTests"/> runs every registered
/// name at full width (an explicit, slower category).</summary>
[Collection(nameof(GlobalRngCollection))]
public sealed class ExportEquivalenceTests
{
    public static TheoryData<string, int?> Cases => new()
    {
        { "lenet5", null },
        { "lenet5-classic", null },
        { "lenet5-tanh", null },
        { "lenet5-sigmoid", null },
        { "resnet20-cifar", 32 },
        { "resnet18", 32 },
        { "resnext50_32x4d", 32 },
        { "googlenet", 48 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void RegisteredModelMatchesOnnxRuntime(string name, int? inputSize)
    {
        using ImageClassifier model = Zoo.Create(name, new ModelOptions { NumClasses = 7, Seed = 1 });
        double diff = ExportCheck.MaxDiff(model, inputSize, null, out double scale);
        Assert.True(diff <= 1e-4 * Math.Max(1, scale), $"{name}: max |ORT - torch| = {diff:G3}, max |output| = {scale:G3}");
    }

    [Fact]
    public void VggWithBatchNormMatches()
    {
        // Configuration A's layer types at a quarter of the width, batch norm on, the 7x7 adaptive pool after a 2x2 map.
        var config = new VggConfig("A/4", new[] { 16, 0, 32, 0, 64, 64, 0, 128, 128, 0, 128, 128, 0 });
        using Vgg model = Slim.Classifier(new Vgg(config, batchNorm: true, new VggOptions { NumClasses = 5 }), "classifier.0", 128 * 7 * 7);
        RandomizeBatchNormStatistics(model);
        ExportCheck.AssertMatches(model, 64);
    }

    [Fact]
    public void AlexNetMatches()
    {
        using AlexNet model = Slim.Classifier(AlexNetBuilders.AlexNet(new() { NumClasses = 5 }, seed: 8), "classifier.1", 256 * 6 * 6);
        ExportCheck.AssertMatches(model, 63);
    }

    [Fact]
    public void LeNetAveragePoolingAnd28PixelInputMatch()
    {
        using var model = LeNetBuilders.LeNet5(new LeNet5Options { InputSize = 28, Pooling = LeNetPooling.Average }, seed: 2);
        ExportCheck.AssertMatches(model);
    }

    [Fact]
    public void AlexNetOriginalWithLrnAndGroupsMatches()
    {
        using AlexNetOriginal model = Slim.Classifier(
            AlexNetBuilders.AlexNetOriginal(new AlexNetOriginalOptions { NumClasses = 5, InputSize = 224 }, seed: 3), "classifier.1", 256 * 6 * 6);
        ExportCheck.AssertMatches(model);
    }

    [Fact]
    public void GoogLeNetTransformInputIsHonoured()
    {
        using var model = GoogLeNetBuilders.GoogLeNet(new GoogLeNetOptions { NumClasses = 4, TransformInput = true, AuxLogits = false }, seed: 4);
        ExportCheck.AssertMatches(model, 40);
    }

    [Fact]
    public void FoldedBatchNormMatchesAndRemovesTheNormNodes()
    {
        using ResNet model = ResNetBuilders.ResNet18(new() { NumClasses = 6 }, seed: 5);
        RandomizeBatchNormStatistics(model);
        var folded = new OnnxExportOptions { FoldBatchNorm = true };
        ExportCheck.AssertMatches(model, 32, folded);
        Proto.ModelProto proto = OnnxExport.ToModelProto(model, folded with { InputSize = 32 });
        Assert.DoesNotContain(proto.Graph.Nodes, n => n.OpType == "BatchNormalization");
        Assert.Equal(20, proto.Graph.Nodes.Count(n => n.OpType == "Conv"));
    }

    [Fact]
    public void SoftmaxOutputSumsToOneAndMatches()
    {
        using var model = LeNetBuilders.LeNet5(seed: 6);
        Assert.True(ExportCheck.MaxDiff(model, options: new OnnxExportOptions { IncludeSoftmax = true }) <= 1e-6);
    }

    [Fact]
    public void ModelWithoutClassifierExportsFeatures()
    {
        using ResNet model = ResNetBuilders.ResNet18(new() { NumClasses = 0 }, seed: 7);
        Proto.ModelProto proto = OnnxExport.ToModelProto(model, new OnnxExportOptions { InputSize = 32 });
        Assert.Equal("features", proto.Graph.Outputs[0].Name);
        ExportCheck.AssertMatches(model, 32);
    }

    /// <summary>Fresh batch norms have mean 0 / var 1, which would let a wrong fold pass; give them real statistics.</summary>
    internal static void RandomizeBatchNormStatistics(TorchSharp.torch.nn.Module model)
    {
        using var noGrad = TorchSharp.torch.no_grad();
        using var generator = new TorchSharp.torch.Generator(11);
        foreach ((_, TorchSharp.torch.nn.Module m) in ModuleTree.NamedDescendants(model))
        {
            if (m is not TorchSharp.Modules.BatchNorm2d bn) continue;
            bn.running_mean!.copy_(TorchSharp.torch.randn(bn.running_mean.shape, generator: generator) * 0.1);
            bn.running_var!.copy_(TorchSharp.torch.rand(bn.running_var.shape, generator: generator) + 0.5);
            bn.weight!.copy_(TorchSharp.torch.rand(bn.weight.shape, generator: generator) + 0.5);
            bn.bias!.copy_(TorchSharp.torch.randn(bn.bias.shape, generator: generator) * 0.1);
        }
    }
}
