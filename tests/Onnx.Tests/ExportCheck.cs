using ModelZoo.Models;
using ModelZoo.Onnx.Export;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Onnx.Tests;

/// <summary>Exports a model with a dynamic batch and compares ONNX Runtime with the eval forward at batch 1 and 3.</summary>
internal static class ExportCheck
{
    /// <summary>The largest |ORT − torch| over batch 1 and batch 3 (random N(0, 1) inputs, fixed seed).</summary>
    public static double MaxDiff(ImageClassifier model, int? inputSize = null, OnnxExportOptions? options = null)
    {
        using var dir = RepoPaths.NewTempDir();
        string path = dir.File("model.onnx");
        options ??= new OnnxExportOptions();
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
        }
        return max;
    }
}
