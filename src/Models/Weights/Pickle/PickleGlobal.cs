namespace ModelZoo.Models.Weights.Pickle;

/// <summary>What an allow-listed <c>GLOBAL</c> stands for. Each kind is data or one of our own pure
/// constructors; no Python name is ever looked up or called.</summary>
internal enum GlobalKind
{
    OrderedDict,
    RebuildTensor,
    RebuildTensorV2,
    RebuildTensorV3,
    RebuildParameter,
    RebuildParameterWithState,
    RebuildFromTypeV2,
    TorchSize,
    TorchDevice,
    TensorClass,
    ParameterClass,
    StorageClass,
    Dtype,
    CodecsEncode,
    Set,
    FrozenSet,
    ByteArray,
    Complex,
}

/// <summary>The value a <c>GLOBAL</c>/<c>STACK_GLOBAL</c> pushes when <see cref="AllowedGlobals"/> accepts it.</summary>
internal sealed record PickleGlobal(string Module, string Name, GlobalKind Kind, ElementType? Element = null)
{
    public string FullName => Module + "." + Name;

    public override string ToString() => FullName;
}
