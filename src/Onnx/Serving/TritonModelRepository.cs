using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ModelZoo.Models;
using ModelZoo.Core.IO;
using ModelZoo.Onnx.Export;

namespace ModelZoo.Onnx.Serving;

/// <summary>
/// Writes a model as an entry of a Triton Inference Server model repository: <c>DIR/NAME/1/model.onnx</c> and
/// <c>DIR/NAME/config.pbtxt</c> (platform <c>onnxruntime_onnx</c>, the graph's input/output names, <c>TYPE_FP32</c>, dims
/// without the batch dimension, <c>max_batch_size</c> and server-side dynamic batching). With a max batch size of 0 the
/// graph has a fixed batch of 1 and the dims include it, as Triton requires.
/// </summary>
public static partial class TritonModelRepository
{
    /// <summary>Exports <paramref name="model"/> into <paramref name="repository"/> under <paramref name="name"/>.</summary>
    public static TritonModelEntry Write(ImageClassifier model, string repository, string name, int maxBatchSize = 8, OnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(repository);
        if (!NamePattern().IsMatch(name ?? ""))
            throw new ArgumentException($"Triton model name '{name}' must be letters, digits, '.', '_' or '-' (it is a directory name).", nameof(name));
        if (maxBatchSize < 0) throw new ArgumentOutOfRangeException(nameof(maxBatchSize), maxBatchSize, "max_batch_size must be >= 0.");
        options = (options ?? new OnnxExportOptions()) with { DynamicBatch = maxBatchSize > 0, ModelName = options?.ModelName ?? name };
        string folder = Path.Combine(Path.GetFullPath(repository), name!);
        OnnxExportResult export = OnnxExport.Save(model, Path.Combine(folder, "1", "model.onnx"), options);
        string config = Config(name!, export, maxBatchSize);
        string configPath = Path.Combine(folder, "config.pbtxt");
        AtomicFile.WriteAllText(configPath, config);
        return new TritonModelEntry(folder, configPath, export, maxBatchSize);
    }

    /// <summary>The <c>config.pbtxt</c> text for an exported graph.</summary>
    public static string Config(string name, OnnxExportResult export, int maxBatchSize)
    {
        ArgumentNullException.ThrowIfNull(export);
        bool batched = maxBatchSize > 0;
        if (batched != export.InputShape[0] < 0)
            throw new ArgumentException(batched
                ? $"max_batch_size {maxBatchSize} needs a graph exported with a dynamic batch."
                : "max_batch_size 0 needs a graph exported with a fixed batch of 1.", nameof(export));
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"name: \"{name}\"\n");
        text.Append("platform: \"onnxruntime_onnx\"\n");
        text.Append(CultureInfo.InvariantCulture, $"max_batch_size: {maxBatchSize}\n");
        Tensor(text, "input", export.InputName, export.InputShape, batched);
        Tensor(text, "output", export.OutputName, export.OutputShape, batched);
        if (batched) text.Append("dynamic_batching { }\n");
        text.Append("instance_group [ { kind: KIND_CPU } ]\n");
        return text.ToString();
    }

    private static void Tensor(StringBuilder text, string section, string tensorName, IReadOnlyList<long> shape, bool batched)
    {
        IEnumerable<long> dims = batched ? shape.Skip(1) : shape;
        text.Append(CultureInfo.InvariantCulture, $"{section} [\n  {{\n    name: \"{tensorName}\"\n    data_type: TYPE_FP32\n");
        text.Append(CultureInfo.InvariantCulture, $"    dims: [ {string.Join(", ", dims)} ]\n  }}\n]\n");
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex NamePattern();
}
