using ModelZoo.Core.Preprocessing;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelZoo.Models.Pretrained;

namespace ModelZoo.Onnx.Export;

/// <summary>Writes and reads the <see cref="OnnxMetadataKeys"/> entries of an exported model.</summary>
public static class OnnxMetadata
{
    internal static void Write(ModelProto proto, OnnxExportOptions options, string modelName, int numClasses, string kind,
        IReadOnlyList<long> inputShape, string outputName, IReadOnlyList<long> outputShape, int folded)
    {
        void Add(string key, string value) => proto.MetadataProps.Add(new KeyValuePair<string, string>(key, value));
        Add(OnnxMetadataKeys.Model, modelName);
        Add(OnnxMetadataKeys.NumClasses, numClasses.ToString(CultureInfo.InvariantCulture));
        Add(OnnxMetadataKeys.Input, $"{options.InputName} {ShapeText(inputShape)}");
        Add(OnnxMetadataKeys.Output, $"{outputName} {ShapeText(outputShape)}");
        Add(OnnxMetadataKeys.OutputKind, kind);
        if (options.Labels is { } labels)
        {
            if (labels.Count != numClasses)
                throw new ArgumentException($"{labels.Count} labels given for a model with {numClasses} classes.", nameof(options));
            Add(OnnxMetadataKeys.Labels, JsonSerializer.Serialize(labels));
        }
        if (options.Preprocessing is { } p) Add(OnnxMetadataKeys.Preprocessing, PresetJson(p));
        Add(OnnxMetadataKeys.FoldedBatchNorm, folded > 0 ? "true" : "false");
    }

    /// <summary>"[N,3,224,224]" (−1 = the symbolic batch N).</summary>
    public static string ShapeText(IReadOnlyList<long> shape) =>
        "[" + string.Join(",", shape.Select(d => d < 0 ? "N" : d.ToString(CultureInfo.InvariantCulture))) + "]";

    /// <summary>The preset as the metadata's JSON object.</summary>
    public static string PresetJson(InferencePreset preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
        return new JsonObject
        {
            ["resize"] = preset.ResizeSize,
            ["crop"] = preset.CropSize,
            ["interpolation"] = preset.Interpolation.ToString().ToLowerInvariant(),
            ["mean"] = new JsonArray(preset.Mean.Select(m => (JsonNode)m).ToArray()),
            ["std"] = new JsonArray(preset.Std.Select(s => (JsonNode)s).ToArray()),
            ["input_range"] = "0-1",
        }.ToJsonString();
    }

    /// <summary>The preprocessing recorded in <paramref name="proto"/>, or null.</summary>
    public static InferencePreset? ReadPreset(ModelProto proto)
    {
        ArgumentNullException.ThrowIfNull(proto);
        if (proto.Metadata(OnnxMetadataKeys.Preprocessing) is not { } json) return null;
        try
        {
            JsonNode node = JsonNode.Parse(json) ?? throw new JsonException("empty");
            Interpolation interpolation = Enum.Parse<Interpolation>((string?)node["interpolation"] ?? "bilinear", ignoreCase: true);
            return new InferencePreset((int)node["resize"]!, (int)node["crop"]!, interpolation,
                node["mean"]!.AsArray().Select(v => (double)v!).ToArray(), node["std"]!.AsArray().Select(v => (double)v!).ToArray());
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or ArgumentException or NullReferenceException)
        {
            throw new InvalidDataException($"The ONNX metadata '{OnnxMetadataKeys.Preprocessing}' is not valid preprocessing JSON: {ex.Message}", ex);
        }
    }

    /// <summary>The class names recorded in <paramref name="proto"/>, or null.</summary>
    public static IReadOnlyList<string>? ReadLabels(ModelProto proto)
    {
        ArgumentNullException.ThrowIfNull(proto);
        if (proto.Metadata(OnnxMetadataKeys.Labels) is not { } json) return null;
        try
        {
            return JsonSerializer.Deserialize<string[]>(json) ?? throw new JsonException("null");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The ONNX metadata '{OnnxMetadataKeys.Labels}' is not a JSON array of strings: {ex.Message}", ex);
        }
    }
}
