using System.Text.Json;
using ModelZoo.Models.Weights.Pickle;

namespace ModelZoo.Models.Weights.SafetensorsFormat;

/// <summary>
/// Parses and validates a safetensors JSON header against the size of the data section that follows it: known
/// dtypes, non-negative integer shapes whose byte size does not overflow and equals the entry's byte range, ranges
/// inside the data section that neither overlap nor leave gaps (they must tile it exactly, as the format requires),
/// string-to-string <c>__metadata__</c>, no duplicate names.
/// </summary>
internal static class SafetensorsHeader
{
    public const string MetadataKey = "__metadata__";

    public static (List<SafetensorsEntry> Entries, Dictionary<string, string> Metadata) Parse(byte[] json, long dataLength, string source)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 }); }
        catch (JsonException e) { throw Bad(source, $"the header is not valid JSON ({e.Message})"); }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw Bad(source, "the header is not a JSON object");
            var entries = new List<SafetensorsEntry>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty p in doc.RootElement.EnumerateObject())
            {
                if (!names.Add(p.Name)) throw Bad(source, $"the name '{PrintableText.Escape(p.Name)}' appears twice");
                if (p.Name == MetadataKey)
                {
                    if (p.Value.ValueKind != JsonValueKind.Object) throw Bad(source, "__metadata__ is not an object");
                    foreach (JsonProperty m in p.Value.EnumerateObject())
                        metadata[m.Name] = m.Value.ValueKind == JsonValueKind.String
                            ? m.Value.GetString()!
                            : throw Bad(source, $"__metadata__ value '{PrintableText.Escape(m.Name)}' is not a string");
                    continue;
                }
                entries.Add(Entry(p, source));
            }
            CheckLayout(entries, dataLength, source);
            return (entries, metadata);
        }
    }

    private static SafetensorsEntry Entry(JsonProperty p, string source)
    {
        string what = $"tensor '{PrintableText.Escape(p.Name)}'";
        if (p.Value.ValueKind != JsonValueKind.Object) throw Bad(source, $"{what} is not an object");
        if (!p.Value.TryGetProperty("dtype", out JsonElement dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
            throw Bad(source, $"{what} has no dtype string");
        string dtype = dtypeElement.GetString()!;
        const string supported = "BOOL, U8, I8, I16, U16, I32, U32, I64, U64, F16, BF16, F32, F64, C64";
        ElementType type = SafetensorsDtypes.FromCode(dtype) ?? throw (dtype is "F8_E4M3" or "F8_E5M2" or "F8_E8M0" or "F6_E2M3" or "F6_E3M2" or "F4"
            ? new NotSupportedException($"{source}: {what} has dtype '{dtype}', which TorchSharp cannot represent (supported: {supported}).")
            : Bad(source, $"{what} has the unknown dtype '{PrintableText.Escape(dtype)}' (safetensors dtypes TorchSharp reads: {supported})"));
        long[] shape = Integers(p.Value, "shape", what, source);
        long[] offsets = Integers(p.Value, "data_offsets", what, source);
        if (offsets.Length != 2 || offsets[0] > offsets[1])
            throw Bad(source, $"{what} has data_offsets {TensorIO.ShapeText(offsets)}; expected [begin, end] with begin <= end");
        long numel = TensorIO.Numel(shape) ?? throw Bad(source, $"{what} has the absurd shape {TensorIO.ShapeText(shape)} (its element count overflows)");
        long bytes;
        try { bytes = checked(numel * type.Size); }
        catch (OverflowException) { throw Bad(source, $"{what} has the absurd shape {TensorIO.ShapeText(shape)} (its byte size overflows)"); }
        if (bytes != offsets[1] - offsets[0])
            throw Bad(source, $"{what} is {dtype} {TensorIO.ShapeText(shape)}, {bytes} bytes, but its data_offsets {TensorIO.ShapeText(offsets)} span {offsets[1] - offsets[0]} bytes");
        return new SafetensorsEntry(p.Name, dtype, shape, offsets[0], offsets[1], type.Result);
    }

    private static long[] Integers(JsonElement entry, string field, string what, string source)
    {
        if (!entry.TryGetProperty(field, out JsonElement array) || array.ValueKind != JsonValueKind.Array)
            throw Bad(source, $"{what} has no '{field}' array");
        if (array.GetArrayLength() > 64) throw Bad(source, $"{what} has a {field} of {array.GetArrayLength()} items");
        return array.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Number && x.TryGetInt64(out long v) && v >= 0
            ? v
            : throw Bad(source, $"{what} has '{field}' item {x.GetRawText()}, not a non-negative 64-bit integer")).ToArray();
    }

    private static void CheckLayout(List<SafetensorsEntry> entries, long dataLength, string source)
    {
        long position = 0;
        SafetensorsEntry? previous = null;
        foreach (SafetensorsEntry e in entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
        {
            if (e.End > dataLength)
                throw Bad(source, $"tensor '{PrintableText.Escape(e.Name)}' ends at byte {e.End} of the data section, which holds only {dataLength} bytes (truncated file or lying header)");
            if (e.Begin < position)
                throw Bad(source, $"tensors '{PrintableText.Escape(previous!.Name)}' [{previous.Begin}, {previous.End}) and '{PrintableText.Escape(e.Name)}' [{e.Begin}, {e.End}) overlap");
            if (e.Begin > position)
                throw Bad(source, $"bytes [{position}, {e.Begin}) of the data section belong to no tensor");
            position = e.End;
            previous = e;
        }
        if (position != dataLength)
            throw Bad(source, $"the data section holds {dataLength} bytes but the tensors cover only {position}");
    }

    private static InvalidDataException Bad(string source, string message) => new($"{source}: invalid safetensors file: {message}.");
}
