namespace ModelZoo.Models.Weights.Pickle;

/// <summary>A tensor described by a pickle (<c>_rebuild_tensor_v2</c> and friends): a strided view of a storage.
/// The unpickler produces these placeholders; the checkpoint reader validates and materialises them.</summary>
internal sealed class TensorRef
{
    public TensorRef(StorageRef storage, ElementType type, long offset, long[] size, long[] stride)
    {
        Storage = storage;
        Type = type;
        Offset = offset;
        Size = size;
        Stride = stride;
    }

    public StorageRef Storage { get; }

    /// <summary>Element type of the tensor (the storage's, or the explicit dtype of <c>_rebuild_tensor_v3</c>).</summary>
    public ElementType Type { get; }

    public long Offset { get; }
    public long[] Size { get; }
    public long[] Stride { get; }

    /// <summary>Set by <c>_rebuild_parameter</c> (an <c>nn.Parameter</c> that required grad).</summary>
    public bool RequiresGrad { get; set; }
}
