using ModelZoo.Models;
using ModelZoo.Onnx.Export;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Onnx.Tests;

/// <summary>Exports a model with a dynamic batch and compares ONNX Runtime with the eval forward at batch 1 and 3.</summary>
internal static class ExportCheck
{
    /// <summary>The largest |ORT − torch| over batch 1 and batch 3 (random N(0, 1) inputs, fixed seed), after
    /// <see cref="Calibration.BatchNorm"/>.</summary>
    public static double MaxDiff(ImageClassifier model, int? inputSize = null, OnnxExportOptions? options = null) =>
        MaxDiff(model, inputSize, options, out _);

    /// <inheritdoc cref="MaxDiff(ImageClassifier, int?, OnnxExportOptions?)"/>
    /// <param name="outputScale">max |torch output| (what the difference compares with).</param>
    public static double MaxDiff(ImageClassifier model, int? inputSize, OnnxExportOptions? options, out double outputScale)
    {
        outputScale = 0;
        using var dir = RepoPaths.NewTempDir();
        string path = dir.File("model.onnx");
        options ??= new OnnxExportOptions();
        int size = inputSize ?? options.InputSize ?? model.FixedInputSize?.Height ?? 224;
        Calibration.BatchNorm(model, new long[] { 1, model.InChannels, size, size });
        OnnxExportResult result = OnnxExport.Save(model, path, options with { DynamicBatch = true, InputSize = inputSize ?? options.InputSize });
        OnnxChecker.Check(Proto.ModelProto.Read(path));
        model.eval();
        using var runner = new OrtRunner(path);
        double max = 0;
        using var generator = new Generator(42);
        foreach (int batch in new[] { 1, 3 })
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            long[] shape = result.InputShape.Select((d, i) => i == 0 ? batch : d).ToArray();
            Tensor input = torch.randn(shape, generator: generator);
            Tensor expected = model.call(input);
            if (options.IncludeSoftmax) expected = expected.softmax(1);
            Tensor actual = runner.Run(input);
            max = Math.Max(max, OrtRunner.MaxDiff(expected, actual));
            outputScale = Math.Max(outputScale, expected.abs().max().item<float>());
        }
        return max;
    }

    /// <summary>Asserts max |ORT − torch| ≤ 1e-4 · max(1, max |output|): absolute for outputs of order one (calibrated models).</summary>
    public static void AssertMatches(ImageClassifier model, int? inputSize = null, OnnxExportOptions? options = null)
    {
        double diff = MaxDiff(model, inputSize, options, out double scale);
        Assert.True(diff <= 1e-4 * Math.Max(1, scale), $"{model.GetName()}: max |ORT - torch| = {diff:G3}, max |output| = {scale:G3}");
    }

    /// <summary>max |float32 forward − float64 forward| of the model on the inputs <see cref="MaxDiff(ImageClassifier, int?, OnnxExportOptions?, out double)"/>
    /// uses: the rounding noise of float32 itself, against which ONNX Runtime's difference is judged for very deep nets.</summary>
    public static double Float32Noise(ImageClassifier model, int inputSize)
    {
        model.eval();
        double max = 0;
        using var generator = new Generator(42);
        foreach (int batch in new[] { 1, 3 })
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            Tensor input = torch.randn(new long[] { batch, model.InChannels, inputSize, inputSize }, generator: generator);
            Tensor single = model.call(input);
            model.to(ScalarType.Float64);
            Tensor exact = model.call(input.to(ScalarType.Float64));
            model.to(ScalarType.Float32);
            max = Math.Max(max, (single.to(ScalarType.Float64) - exact).abs().max().item<double>());
        }
        return max;
    }
}
