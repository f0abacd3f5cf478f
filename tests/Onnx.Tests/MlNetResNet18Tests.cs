using ModelZoo.Data.Imaging;
using ModelZoo.Models.MlNetResNets;
using ModelZoo.Models.ResNets;
using ModelZoo.Onnx.Import;
using ModelZoo.Training.Inference;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace ModelZoo.Onnx.Tests;

/// <summary>ML.NET's real ImageNet ResNet-18 (CNTK 2.6 export, from the NuGet cache) imported into <c>resnet18-mlnet</c>.</summary>
[Collection(nameof(GlobalRngCollection))]
public sealed class MlNetResNet18Tests(ITestOutputHelper output)
{
    private static ResNet Imported(out OnnxImportResult result)
    {
        ResNet model = MlNetResNetBuilders.ResNet18MlNet();
        result = OnnxImport.LoadWeights(model, MlNetResNet18File.Backbone!, MlNetResNet18Weights.ImportOptions);
        model.eval();
        return model;
    }

    [MlNetResNet18Fact]
    public void ImportsCompletelyAndMatchesOnnxRuntime()
    {
        using ResNet model = Imported(out OnnxImportResult result);
        Assert.True(MlNetResNet18Weights.Matches(Proto.ModelProto.Read(MlNetResNet18File.Backbone!)));
        Assert.Equal("CNTK 2.6", result.Producer);
        Assert.Empty(result.Load.Unexpected);
        Assert.Empty(result.Load.Missing);
        Assert.Empty(result.Load.ShapeMismatched);
        Assert.Equal(110, result.Load.Loaded.Count);        // every initializer of the file
        Assert.Equal(44, result.PairedNodes);               // 22 Conv + 22 BatchNormalization
        Assert.Equal(result.FileWeightedNodes, result.PairedNodes);

        using var runner = new OrtRunner(MlNetResNet18File.Backbone!);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        using var generator = new Generator(3);
        Tensor rgb = torch.rand(new long[] { 2, 3, 224, 224 }, generator: generator) * 255 - 115;   // mean-subtracted pixels
        Tensor ours = model.call(rgb);
        Tensor theirs = torch.cat(new[] { runner.Run(rgb[0..1].flip(1)), runner.Run(rgb[1..2].flip(1)) }, 0).flatten(1);   // BGR, batch 1
        double diff = OrtRunner.MaxDiff(ours, theirs), scale = theirs.abs().max().item<float>();
        output.WriteLine($"resnet18-mlnet vs ONNX Runtime on ResNet18.onnx: max |diff| {diff:E2}, features up to {scale:F2}");
        Assert.True(diff <= 1e-4 * Math.Max(1, scale), $"max |ours - ORT| = {diff:G3} (features up to {scale:G3})");
    }

    /// <summary>The per-channel preset against ML.NET's exact preprocessing (ResNetPreprocess.onnx: BGR, minus the 224×224 mean
    /// image) on a real photo: how much the mean-image approximation moves the features.</summary>
    [MlNetResNet18Fact]
    public void PerChannelMeanApproximatesTheMeanImage()
    {
        using ResNet model = Imported(out _);
        using var preprocess = new OrtRunner(MlNetResNet18File.Preprocess!);
        using var backbone = new OrtRunner(MlNetResNet18File.Backbone!);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var transform = InferenceTransforms.FromPreset(MlNetResNet18.Preset);
        Tensor x = ((Tensor)transform.Apply(ImageDecoder.Decode(RepoPaths.SharedData("images", "dog.jpg")), new Random(0))).unsqueeze(0);
        Tensor raw = x + torch.tensor(MlNetResNet18.ChannelMean255.ToArray(), ScalarType.Float32).view(1, 3, 1, 1);   // back to 0-255 RGB
        Tensor exact = backbone.Run(preprocess.Run(raw)).flatten(1);
        Tensor approx = model.call(x);
        double diff = OrtRunner.MaxDiff(exact, approx), scale = exact.abs().max().item<float>();
        double cosine = nn.functional.cosine_similarity(exact, approx, 1).item<float>();
        double relative = ((exact - approx).norm() / exact.norm()).item<float>();
        output.WriteLine($"dog.jpg, mean image vs per-channel means: max |diff| {diff:F4} (features up to {scale:F2}), relative L2 {relative:P2}, cosine {cosine:F5}");
        Assert.True(cosine > 0.99, $"cosine {cosine}");
        Assert.True(diff > 0, "the approximation is not exact (the mean image varies by a few levels per pixel)");
    }
}
