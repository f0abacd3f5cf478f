using ModelZoo.Core.Preprocessing;
using ModelZoo.Models;
using ModelZoo.Models.LeNets;
using ModelZoo.Models.ResNets;
using ModelZoo.Onnx.Export;
using ModelZoo.Onnx.Import;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Onnx.Tests;

/// <summary>Weight import: export → import round trips every tensor exactly; a graph of another shape is refused in one line.</summary>
[Collection(nameof(GlobalRngCollection))]
public sealed class ImportTests
{
    public static TheoryData<string, int?> Cases => new()
    {
        { "lenet5-classic", null },   // partial C3 (gathered back through its index) and depthwise sub-sampling
        { "resnet20-cifar", 32 },
        { "resnet18", 32 },
        { "resnext50_32x4d", 32 },
        { "googlenet", 48 },          // aux heads are not in the eval graph: ignored, not missing
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ExportThenImportGivesIdenticalWeights(string name, int? size)
    {
        using var dir = RepoPaths.NewTempDir();
        using ImageClassifier source = Zoo.Create(name, new ModelOptions { NumClasses = 6, Seed = 1 });
        ExportEquivalenceTests.RandomizeBatchNormStatistics(source);
        string path = dir.File("m.onnx");
        OnnxExport.Save(source, path, new OnnxExportOptions { InputSize = size });
        using ImageClassifier target = Zoo.Create(name, new ModelOptions { NumClasses = 6, Seed = 2 });
        var options = name == "googlenet" ? new OnnxImportOptions { Strict = true } : null;
        OnnxImportResult result = OnnxImport.LoadWeights(target, path, options);

        Assert.Empty(result.Load.Missing);
        Assert.Empty(result.Load.Unexpected);
        Assert.Empty(result.Load.ShapeMismatched);
        Dictionary<string, Tensor> expected = source.state_dict(), actual = target.state_dict();
        int compared = 0;
        foreach ((string key, Tensor value) in expected)
        {
            if (key.EndsWith(".num_batches_tracked", StringComparison.Ordinal) || key.StartsWith("aux", StringComparison.Ordinal)
                || key.EndsWith("scatter_index", StringComparison.Ordinal)) continue;
            Assert.True(Same(value, actual[key]), $"{name}: {key} differs after the round trip");
            compared++;
        }
        Assert.Equal(result.Load.Loaded.Count, compared);
    }

    [Fact]
    public void WrongArchitectureIsRefusedInOneLineAndNothingIsWritten()
    {
        using var dir = RepoPaths.NewTempDir();
        using ResNet resnet34 = ResNetBuilders.ResNet34(new() { NumClasses = 6 }, seed: 1);
        string path = dir.File("r34.onnx");
        OnnxExport.Save(resnet34, path, new OnnxExportOptions { InputSize = 32 });
        using ResNet resnet18 = ResNetBuilders.ResNet18(new() { NumClasses = 10 }, seed: 2);
        Tensor before = resnet18.state_dict()["conv1.weight"].clone();
        var ex = Assert.Throws<OnnxImportException>(() => OnnxImport.LoadWeights(resnet18, path));
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Contains("does not fit ResNet", ex.Message);
        Assert.Contains("shape mismatch", ex.Message);
        Assert.Contains("fc.weight", ex.Message);
        Assert.True(Same(before, resnet18.state_dict()["conv1.weight"]));
    }

    [Fact]
    public void NonStrictLoadReportsTheClassifierMismatchAndLoadsTheRest()
    {
        using var dir = RepoPaths.NewTempDir();
        using var source = LeNetBuilders.LeNet5(new LeNet5Options { NumClasses = 10 }, seed: 1);
        string path = dir.File("lenet.onnx");
        OnnxExport.Save(source, path);
        using var target = LeNetBuilders.LeNet5(new LeNet5Options { NumClasses = 3 }, seed: 2);
        OnnxImportResult result = OnnxImport.LoadWeights(target, path, new OnnxImportOptions { Strict = false });
        Assert.Equal(new[] { "fc3.weight", "fc3.bias" }, result.Load.ShapeMismatched.Select(m => m.Key));
        Assert.Equal(8, result.Load.Loaded.Count);
        Assert.True(Same(source.state_dict()["conv2.weight"], target.state_dict()["conv2.weight"]));
    }

    [Fact]
    public void TruncatedFileIsAOneLineError()
    {
        using var dir = RepoPaths.NewTempDir();
        using var model = LeNetBuilders.LeNet5(seed: 1);
        string path = dir.File("lenet.onnx");
        OnnxExport.Save(model, path);
        byte[] bytes = File.ReadAllBytes(path);
        foreach (int keep in new[] { bytes.Length / 2, bytes.Length - 7, 3 })
        {
            string cut = dir.File($"cut{keep}.onnx");
            File.WriteAllBytes(cut, bytes[..keep]);
            var ex = Assert.Throws<InvalidDataException>(() => Proto.ModelProto.Read(cut));
            Assert.DoesNotContain('\n', ex.Message);
            Assert.Contains("is not a valid ONNX model", ex.Message);
        }
        File.WriteAllText(dir.File("text.onnx"), "this is not protobuf at all");
        Assert.Throws<InvalidDataException>(() => Proto.ModelProto.Read(dir.File("text.onnx")));
    }

    [Fact]
    public void ExportedMetadataComesBackWithTheWeights()
    {
        using var dir = RepoPaths.NewTempDir();
        using var model = LeNetBuilders.LeNet5(new LeNet5Options { NumClasses = 3 }, seed: 1);
        string path = dir.File("lenet.onnx");
        var preset = new Core.Preprocessing.InferencePreset(32, 32, Core.Preprocessing.Interpolation.Nearest, new[] { 0.1307 }, new[] { 0.3081 });
        OnnxExport.Save(model, path, new OnnxExportOptions { ModelName = "lenet5", Labels = new[] { "a", "b", "c" }, Preprocessing = preset });
        using var target = LeNetBuilders.LeNet5(new LeNet5Options { NumClasses = 3 });
        OnnxImportResult result = OnnxImport.LoadWeights(target, path);
        Assert.Equal("lenet5", result.ModelName);
        Assert.Equal(new[] { "a", "b", "c" }, result.Labels);
        Assert.Equal(preset.Mean, result.Preset!.Mean);
        Assert.Equal(preset.Interpolation, result.Preset.Interpolation);
    }

    /// <summary>Same shape and bit-identical values.</summary>
    internal static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();
}
