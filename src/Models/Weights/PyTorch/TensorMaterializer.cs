using ModelZoo.Models.Weights.Pickle;

namespace ModelZoo.Models.Weights.PyTorch;

/// <summary>
/// Turns the <see cref="TensorRef"/> placeholders of an unpickled checkpoint into tensors. Each storage is read once
/// per element type (so two tensors viewing one storage share memory, as in PyTorch) and every view is checked
/// against its storage (offset, sizes, strides) before <c>as_strided</c> is called.
/// </summary>
internal sealed class TensorMaterializer : IDisposable
{
    /// <summary>Opens a storage's bytes: the stream positioned at its first byte and the number of bytes it holds
    /// (already validated against the file).</summary>
    public delegate (Stream Data, long Bytes) StorageOpener(StorageRef storage, ElementType type);

    private readonly Dictionary<(string Key, ElementType Type), Tensor> _storages = new();
    private readonly StorageOpener _open;
    private readonly bool _bigEndian;
    private readonly string _source;

    public TensorMaterializer(string source, StorageOpener open, bool bigEndian)
    {
        _source = source;
        _open = open;
        _bigEndian = bigEndian;
    }

    public Tensor Materialize(TensorRef r)
    {
        string what = $"storage '{PrintableText.Escape(r.Storage.Key)}'";
        long numel = TensorIO.Numel(r.Size)
            ?? throw new InvalidDataException($"{_source}: a tensor of {what} has the absurd shape {TensorIO.ShapeText(r.Size)} (its element count overflows).");
        if (numel == 0)
        {
            using Tensor empty = torch.empty(r.Size, r.Type.Storage);
            return Finish(empty, r, what);
        }
        Tensor storage = Storage(r.Storage, r.Type, what);
        long offset = long.MaxValue, last = long.MaxValue;
        try
        {
            offset = checked(r.Offset + checked(r.Storage.ViewOffset * r.Storage.Type.Size) / r.Type.Size);
            last = offset;
            for (int i = 0; i < r.Size.Length; i++) last = checked(last + (r.Size[i] - 1) * r.Stride[i]);
        }
        catch (OverflowException) { last = long.MaxValue; }
        long available = storage.shape[0];
        if (last >= available)
            throw new InvalidDataException($"{_source}: a tensor of shape {TensorIO.ShapeText(r.Size)}, stride {TensorIO.ShapeText(r.Stride)} "
                + $"and offset {offset} reaches element {last} of {what}, which holds only {available} {r.Type} elements.");
        using Tensor view = storage.as_strided(r.Size, r.Stride, offset);
        return Finish(view, r, what);
    }

    private Tensor Finish(Tensor view, TensorRef r, string what)
    {
        Tensor result = TensorIO.Widen(view, r.Type, _source, what);
        if (r.RequiresGrad && (result.is_floating_point() || result.is_complex())) result.requires_grad_(true);
        return result;
    }

    private Tensor Storage(StorageRef storage, ElementType type, string what)
    {
        if (_storages.TryGetValue((storage.Key, type), out Tensor? cached)) return cached;
        (Stream data, long bytes) = _open(storage, type);
        if (bytes % type.Size != 0)
            throw new InvalidDataException($"{_source}: {what} holds {bytes} bytes, not a whole number of {type} elements.");
        Tensor tensor = TensorIO.ReadVector(data, bytes / type.Size, type, _bigEndian, _source, what);
        _storages[(storage.Key, type)] = tensor;
        // A zip entry's CRC-32 is checked before anything looks at its values.
        if (data is Crc32CheckedStream crc) crc.Verify();
        return tensor;
    }

    /// <summary>Releases the storage handles; the views made from them keep their memory alive.</summary>
    public void Dispose()
    {
        foreach (Tensor t in _storages.Values) t.Dispose();
        _storages.Clear();
    }
}
