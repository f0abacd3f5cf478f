using ModelZoo.Core.Pickle;

namespace ModelZoo.Models.Weights.Pickle;

/// <summary>
/// What the restricted unpickler accepts in a <c>torch.save</c> checkpoint, in the spirit of
/// <c>torch.load(weights_only=True)</c>: the globals a state dict needs (OrderedDict, the tensor and parameter rebuild
/// functions, storage classes and dtypes of every element type, <c>torch.Size</c>, <c>torch.device</c>) and a few
/// plain-data builtins, each built by our own code below. Every other global is refused with
/// <see cref="UnsafeCheckpointException"/>.
/// </summary>
internal static class TorchAllowList
{
    /// <summary>Tags of the classes a pickle may name but not call: <c>torch.Tensor</c> and <c>nn.Parameter</c>
    /// (the second is also callable, for very old files). Declared before <see cref="Instance"/>, which uses them:
    /// static fields initialise in declaration order.</summary>
    private static readonly object s_tensorClass = new(), s_parameterClass = new();

    /// <summary>The allow-list the checkpoint readers pass to <see cref="RestrictedUnpickler"/>.</summary>
    public static PickleAllowList Instance { get; } = Create();

    /// <summary>Reads one checkpoint pickle from the current position of <paramref name="input"/> with this allow-list;
    /// <paramref name="persistentLoad"/> resolves storage ids.</summary>
    public static object? Load(Stream input, string source, Func<object?, object?>? persistentLoad = null) =>
        RestrictedUnpickler.Load(input, source, Instance, persistentLoad);

    /// <summary>A short description of an unpickled value for error messages.</summary>
    public static string Describe(object? value) => Instance.Describe(value);

    /// <summary>The element type of a storage-class global (<c>torch.FloatStorage</c>), or null for any other value.</summary>
    public static ElementType? StorageClass(object? value) => value is PickleGlobal { Value: StorageClassTag tag } ? tag.Element : null;

    private sealed record StorageClassTag(ElementType Element);

    private sealed record DtypeTag(ElementType Element);

    private static PickleAllowList Create()
    {
        var list = new PickleAllowList("checkpoint", (source, global) => new UnsafeCheckpointException(source, global))
        {
            Python2Strings = PickleStrings.Text,
            DescribeValue = value => value switch
            {
                TensorRef => "a tensor",
                StorageRef => "a storage",
                _ => null,
            },
        };
        list.AddContainers().AddCodecsEncode()
            .Allow("torch._utils", "_rebuild_tensor", RebuildTensor)
            .Allow("torch._utils", "_rebuild_tensor_v2", RebuildTensorV2)
            .Allow("torch._utils", "_rebuild_tensor_v3", RebuildTensorV3)
            .Allow("torch._utils", "_rebuild_parameter", call => RebuildParameter(call, minArgs: 3))
            .Allow("torch._utils", "_rebuild_parameter_with_state", call => RebuildParameter(call, minArgs: 4))
            .Allow("torch._tensor", "_rebuild_from_type_v2", RebuildFromTypeV2)
            .Allow("torch", "Size", TorchSize)
            .Allow("torch", "device", TorchDevice)
            .AllowValue("torch", "Tensor", s_tensorClass)
            .AllowValue("torch._tensor", "Tensor", s_tensorClass)
            .Allow("torch.nn.parameter", "Parameter", ParameterClass, s_parameterClass)
            .Allow("torch.nn", "Parameter", ParameterClass, s_parameterClass);
        foreach ((string name, ElementType type) in ElementType.StorageClasses)
        {
            list.AllowValue("torch", name, new StorageClassTag(type)).AllowValue("torch.cuda", name, new StorageClassTag(type));
            if (name == "UntypedStorage") list.AllowValue("torch.storage", name, new StorageClassTag(type));
        }
        foreach ((string name, ElementType type) in ElementType.TorchDtypes)
            list.AllowValue("torch", name, new DtypeTag(type));
        return list;
    }

    private static TensorRef RebuildTensor(PickleCall call)
    {
        call.Arity(4, 4);
        return Rebuild(call, null);
    }

    private static TensorRef RebuildTensorV2(PickleCall call)
    {
        call.Arity(6, 7);
        TensorRef tensor = Rebuild(call, null);
        tensor.RequiresGrad = call[4] is true;
        return tensor;
    }

    private static TensorRef RebuildTensorV3(PickleCall call)
    {
        call.Arity(7, 8);
        if (call[6] is not PickleGlobal { Value: DtypeTag dtype })
            throw call.Fail($"{call.Callable} expects a torch dtype as its 7th argument, got {call.Describe(call[6])}");
        TensorRef tensor = Rebuild(call, dtype.Element);
        tensor.RequiresGrad = call[4] is true;
        return tensor;
    }

    private static TensorRef RebuildParameter(PickleCall call, int minArgs)
    {
        call.Arity(minArgs, 4);
        if (call[0] is not TensorRef data)
            throw call.Fail($"{call.Callable} expects a tensor, got {call.Describe(call[0])}");
        data.RequiresGrad = call[1] is true;
        return data;
    }

    private static object? RebuildFromTypeV2(PickleCall call)
    {
        call.Arity(4, 4);
        if (call[0] is not PickleGlobal inner || call[1] is not PickleGlobal { Value: var cls } || (cls != s_tensorClass && cls != s_parameterClass))
            throw call.Fail($"{call.Callable} is only supported for plain tensors and parameters, got {call.Describe(call[1])}");
        return call.Apply(inner, call.Tuple(call[2], -1, "the rebuild arguments"));
    }

    /// <summary>Very old files pickle <c>nn.Parameter(data, requires_grad)</c> as a plain class call.</summary>
    private static TensorRef ParameterClass(PickleCall call)
    {
        call.Arity(1, 2);
        if (call[0] is not TensorRef tensor) throw call.Fail($"{call.Callable} expects a tensor, got {call.Describe(call[0])}");
        tensor.RequiresGrad = call.Count < 2 || call[1] is true;
        return tensor;
    }

    private static object?[] TorchSize(PickleCall call)
    {
        call.Arity(0, 1);
        object?[] dims = call.Count == 0 ? [] : call.Sequence(call[0], "torch.Size");
        foreach (object? d in dims)
            if (d is not long) throw call.Fail($"torch.Size holds a non-integer {call.Describe(d)}");
        return dims;
    }

    private static string TorchDevice(PickleCall call)
    {
        call.Arity(1, 2);
        if (call[0] is not string type) throw call.Fail($"torch.device expects a string, got {call.Describe(call[0])}");
        return call.Count == 2 && call[1] is long index ? $"{type}:{index}" : type;
    }

    private static TensorRef Rebuild(PickleCall call, ElementType? dtype)
    {
        if (call[0] is not StorageRef storage)
            throw call.Fail($"{call.Callable} expects a storage as its first argument, got {call.Describe(call[0])}");
        if (call[1] is not long offset || offset < 0)
            throw call.Fail($"{call.Callable} got an invalid storage offset {call.Describe(call[1])}");
        long[] size = call.Dimensions(call[2], "a tensor size");
        long[] stride = call.Dimensions(call[3], "a tensor stride");
        if (size.Length != stride.Length)
            throw call.Fail($"{call.Callable} got size [{string.Join(", ", size)}] and stride [{string.Join(", ", stride)}] of different ranks");
        return new TensorRef(storage, dtype ?? storage.Type, offset, size, stride);
    }
}
