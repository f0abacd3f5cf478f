using System.Buffers.Binary;
using System.Text.Json;
using ModelZoo.Core.IO;

namespace ModelZoo.Models.Weights.SafetensorsFormat;

/// <summary>Reads and writes the safetensors format (https://github.com/huggingface/safetensors): a JSON header and
/// raw little-endian tensors, no code. See <see cref="SafetensorsFile"/> for lazy, per-tensor reading.</summary>
public static class Safetensors
{
    /// <summary>Reads every tensor of a file, with its <c>__metadata__</c> in <see cref="TensorDict.Metadata"/>.</summary>
    public static TensorDict Load(string path)
    {
        using SafetensorsFile file = SafetensorsFile.Open(path);
        return file.ReadAll();
    }

    /// <summary>
    /// Writes tensors (any device, any layout) and optional string metadata. Tensors are laid out by element size,
    /// largest first, then by name (so each is aligned to its element size, as the reference writer does); the header
    /// is padded with spaces to a multiple of 8 bytes. The file is written to a temporary sibling and renamed.
    /// Complex128 and other types without a safetensors code are rejected before anything is written.
    /// </summary>
    public static void Save(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var items = new List<(string Name, Tensor Tensor, string Code, long Size)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach ((string name, Tensor tensor) in tensors)
        {
            ArgumentNullException.ThrowIfNull(name, "tensor name");
            ArgumentNullException.ThrowIfNull(tensor, name);
            if (name == SafetensorsHeader.MetadataKey) throw new ArgumentException($"'{name}' is reserved for metadata.", nameof(tensors));
            if (!names.Add(name)) throw new ArgumentException($"Duplicate tensor name '{name}'.", nameof(tensors));
            string code = SafetensorsDtypes.ToCode(tensor.dtype)
                ?? throw new ArgumentException($"Tensor '{name}' has dtype {tensor.dtype}, which safetensors cannot store.", nameof(tensors));
            items.Add((name, tensor, code, tensor.element_size()));
        }
        items = items.OrderByDescending(i => i.Size).ThenBy(i => i.Name, StringComparer.Ordinal).ToList();

        var header = new MemoryStream();
        using (var json = new Utf8JsonWriter(header))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(SafetensorsHeader.MetadataKey);
                foreach ((string key, string value) in metadata) json.WriteString(key, value);
                json.WriteEndObject();
            }
            long offset = 0;
            foreach ((string name, Tensor tensor, string code, long size) in items)
            {
                long bytes = tensor.numel() * size;
                json.WriteStartObject(name);
                json.WriteString("dtype", code);
                json.WriteStartArray("shape");
                foreach (long d in tensor.shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + bytes);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += bytes;
            }
            json.WriteEndObject();
        }
        while (header.Length % 8 != 0) header.WriteByte((byte)' ');

        AtomicFile.Write(path, stream =>
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
            stream.Write(length);
            header.Position = 0;
            header.CopyTo(stream);
            foreach (var item in items) TensorIO.Write(stream, item.Tensor);
        });
    }
}
