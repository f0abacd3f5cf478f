namespace ModelZoo.Models.Weights.Pickle;

/// <summary>A tensor described by a pickle (<c>_rebuild_tensor_v2</c> and friends): a strided view of a storage.
/// The unpickler produces these placeholders; the checkpoint reader validates and materialises them.</summary>
/// <param name="Storage">The storage the view reads.</param>
/// <param name="Type">Element type of the tensor (the storage's, or the explicit dtype of <c>_rebuild_tensor_v3</c>).</param>
/// <param name="Offset">The view's first element in the storage.</param>
/// <param name="Size">The view's shape.</param>
/// <param name="Stride">The view's strides, in elements.</param>
internal sealed record TensorRef(StorageRef Storage, ElementType Type, long Offset, long[] Size, long[] Stride)
{
    /// <summary>Set by <c>_rebuild_parameter</c> (an <c>nn.Parameter</c> that required grad).</summary>
    public bool RequiresGrad { get; set; }
}
