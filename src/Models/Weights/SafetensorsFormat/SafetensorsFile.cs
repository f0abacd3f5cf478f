using System.Buffers.Binary;
using ModelZoo.Models.Weights.Pickle;

namespace ModelZoo.Models.Weights.SafetensorsFormat;

/// <summary>
/// An open safetensors file: the validated header (<see cref="Entries"/>, <see cref="Metadata"/>) is read at once,
/// tensors on demand. Format: an unsigned little-endian 64-bit header length N, N bytes of JSON
/// (<c>{"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, "__metadata__": {..}}</c>), then the
/// data section. Unsigned U16/U32 tensors read as Int32/Int64 (see <see cref="SafetensorsEntry.TorchType"/>);
/// <see cref="ReadBytes"/> gives any tensor's raw bytes.
/// </summary>
public sealed class SafetensorsFile : IDisposable
{
    /// <summary>Largest header accepted (the reference implementation's limit).</summary>
    public const long MaxHeaderBytes = 100_000_000;

    private readonly FileStream _stream;
    private readonly long _dataStart;
    private readonly Dictionary<string, SafetensorsEntry> _byName;

    private SafetensorsFile(string path, FileStream stream, long dataStart, List<SafetensorsEntry> entries, Dictionary<string, string> metadata)
    {
        Path = path;
        _stream = stream;
        _dataStart = dataStart;
        Entries = entries;
        Metadata = metadata;
        _byName = entries.ToDictionary(e => e.Name, StringComparer.Ordinal);
    }

    public string Path { get; }

    /// <summary>Tensors in header order.</summary>
    public IReadOnlyList<SafetensorsEntry> Entries { get; }

    /// <summary>The <c>__metadata__</c> map (empty when absent).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    public static SafetensorsFile Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            if (stream.Length < 8) throw Bad(path, $"the file is {stream.Length} bytes, too short for the 8-byte header length");
            Span<byte> lengthBytes = stackalloc byte[8];
            stream.ReadExactly(lengthBytes);
            ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
            if (headerLength > MaxHeaderBytes)
                throw Bad(path, $"the header claims {headerLength} bytes, more than the {MaxHeaderBytes}-byte limit");
            if ((long)headerLength > stream.Length - 8)
                throw Bad(path, $"the header claims {headerLength} bytes but the file has only {stream.Length - 8} after the length (truncated file?)");
            if (headerLength < 2) throw Bad(path, "the header is empty");
            var json = new byte[headerLength];
            stream.ReadExactly(json);
            if (json[0] != '{') throw Bad(path, "the header does not start with '{'");
            long dataStart = 8 + (long)headerLength;
            (List<SafetensorsEntry> entries, Dictionary<string, string> metadata) = SafetensorsHeader.Parse(json, stream.Length - dataStart, path);
            return new SafetensorsFile(path, stream, dataStart, entries, metadata);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public bool Contains(string name) => _byName.ContainsKey(name);

    public SafetensorsEntry Entry(string name) => _byName.TryGetValue(name, out SafetensorsEntry? e)
        ? e
        : throw new KeyNotFoundException($"{Path}: no tensor named '{PrintableText.Escape(name)}'. Names: {string.Join(", ", Entries.Take(20).Select(x => PrintableText.Escape(x.Name)))}{(Entries.Count > 20 ? ", ..." : "")}.");

    /// <summary>Reads one tensor (CPU, contiguous, <see cref="SafetensorsEntry.TorchType"/>).</summary>
    public Tensor ReadTensor(string name)
    {
        SafetensorsEntry e = Entry(name);
        ElementType type = SafetensorsDtypes.FromCode(e.Dtype)!;
        _stream.Seek(_dataStart + e.Begin, SeekOrigin.Begin);
        using Tensor flat = TensorIO.ReadVector(_stream, e.ByteLength / type.Size, type, bigEndian: false, Path, $"tensor '{PrintableText.Escape(name)}'");
        using Tensor shaped = flat.reshape(e.Shape);
        return TensorIO.Widen(shaped, type, Path, $"tensor '{PrintableText.Escape(name)}'");
    }

    /// <summary>The tensor's bytes exactly as stored (little-endian, row-major), e.g. to handle U16 yourself.</summary>
    public byte[] ReadBytes(string name)
    {
        SafetensorsEntry e = Entry(name);
        if (e.ByteLength > Array.MaxLength) throw new NotSupportedException($"{Path}: tensor '{PrintableText.Escape(name)}' is {e.ByteLength} bytes, too large for one array; use ReadTensor.");
        var bytes = new byte[e.ByteLength];
        _stream.Seek(_dataStart + e.Begin, SeekOrigin.Begin);
        _stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>Reads every tensor, in header order, with the metadata.</summary>
    public TensorDict ReadAll()
    {
        var result = new TensorDict(Metadata);
        try
        {
            foreach (SafetensorsEntry e in Entries) result.Add(e.Name, ReadTensor(e.Name));
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    public void Dispose() => _stream.Dispose();

    private static InvalidDataException Bad(string path, string message) => new($"{path}: invalid safetensors file: {message}.");
}
