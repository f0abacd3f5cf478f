using System.Buffers.Binary;
using System.Numerics;
using ModelZoo.Models.Weights.Pickle;

namespace ModelZoo.Models.Weights.PyTorch;

/// <summary>
/// Reads the legacy (pre-1.6) <c>torch.save</c> format: five consecutive pickles — the magic number
/// 0x1950a86a20f9469cfc6c, the protocol version 1001, a sys_info dict, the object tree (storages as persistent ids
/// <c>('storage', StorageClass, key, location, numel, view_metadata)</c>) and the list of storage keys — followed by
/// each storage in that order as a little-endian int64 element count and the raw little-endian elements.
/// </summary>
internal static class LegacyCheckpointReader
{
    private static readonly BigInteger Magic = BigInteger.Parse("119547037146038801333356");

    public static (object? Root, List<TorchSharp.torch.Tensor> Tensors) Read(Stream stream, string source)
    {
        object? magic;
        try { magic = TorchAllowList.Load(stream, source); }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{source}: neither a zip checkpoint nor a legacy torch.save pickle ({e.Message}).", e);
        }
        if (magic is not BigInteger m || m != Magic)
            throw new InvalidDataException($"{source}: a pickle, but not a torch.save checkpoint (its first value is {TorchAllowList.Describe(magic)}, "
                + "not the magic number); plain pickles are not supported.");
        object? protocol = TorchAllowList.Load(stream, source);
        if (protocol is not 1001L)
            throw new InvalidDataException($"{source}: unsupported legacy protocol version {TorchAllowList.Describe(protocol)}; expected 1001.");
        // sys_info (byte order, type sizes): informational only, since the legacy writer always stores storages
        // little-endian (torch converts on big-endian machines).
        _ = TorchAllowList.Load(stream, source);

        var storages = new Dictionary<string, StorageRef>(StringComparer.Ordinal);
        object? Persistent(object? pid)
        {
            StorageRef s = ZipCheckpointReader.StorageId(pid, source);
            if (storages.TryGetValue(s.Key, out StorageRef? seen) && seen.Type != s.Type)
                throw new InvalidDataException($"{source}: storage '{PrintableText.Escape(s.Key)}' is used with two element types ({seen.Type}, {s.Type}).");
            storages[s.Key] = s;
            return s;
        }
        object? tree = TorchAllowList.Load(stream, source, Persistent);
        if (TorchAllowList.Load(stream, source) is not List<object?> keys)
            throw new InvalidDataException($"{source}: the storage key list after the object pickle is missing or malformed.");

        // Scan the storage section: remember where each storage's bytes start and how many there are.
        var layout = new Dictionary<string, (long Offset, long Bytes)>(StringComparer.Ordinal);
        Span<byte> countBytes = stackalloc byte[8];
        foreach (object? k in keys)
        {
            if (k is not string key || !storages.TryGetValue(key, out StorageRef? storage))
                throw new InvalidDataException($"{source}: the storage list names {TorchAllowList.Describe(k)}, which no tensor uses.");
            if (stream.Length - stream.Position < 8)
                throw new InvalidDataException($"{source}: the file ends before storage '{PrintableText.Escape(key)}' (truncated file?).");
            stream.ReadExactly(countBytes);
            long count = BinaryPrimitives.ReadInt64LittleEndian(countBytes);
            long left = stream.Length - stream.Position;
            if (count < 0 || count > left / storage.Type.Size)
                throw new InvalidDataException($"{source}: storage '{PrintableText.Escape(key)}' declares {count} {storage.Type} elements but only {left} bytes "
                    + "are left in the file (truncated file?).");
            layout[key] = (stream.Position, count * storage.Type.Size);
            stream.Seek(count * storage.Type.Size, SeekOrigin.Current);
        }

        (Stream, long) Open(StorageRef storage, ElementType type)
        {
            if (!layout.TryGetValue(storage.Key, out var place))
                throw new InvalidDataException($"{source}: storage '{PrintableText.Escape(storage.Key)}' is used by a tensor but missing from the storage section.");
            stream.Seek(place.Offset, SeekOrigin.Begin);
            return (stream, place.Bytes);
        }

        using var materializer = new TensorMaterializer(source, Open, bigEndian: false);
        var created = new List<TorchSharp.torch.Tensor>();
        try { return (CheckpointTree.Materialize(tree, materializer.Materialize, created), created); }
        catch (InvalidDataException e) when (!e.Message.StartsWith(source, StringComparison.Ordinal))
        {
            foreach (var t in created) t.Dispose();
            throw new InvalidDataException($"{source}: {e.Message}", e);
        }
        catch
        {
            foreach (var t in created) t.Dispose();
            throw;
        }
    }
}
