using System.Numerics;
using System.Text;

namespace ModelZoo.Models.Weights.Pickle;

/// <summary>
/// The allow-list of the restricted unpickler, in the spirit of <c>torch.load(weights_only=True)</c>: the globals a
/// state dict needs (OrderedDict, the tensor and parameter rebuild functions, storage classes and dtypes of every
/// element type, <c>torch.Size</c>, <c>torch.device</c>) and a few plain-data builtins. <see cref="Resolve"/> refuses
/// every other name with <see cref="UnsafeCheckpointException"/>; <see cref="Apply"/> runs our own constructor for
/// an accepted one. No Python code is ever looked up or executed.
/// </summary>
internal static class AllowedGlobals
{
    public static PickleGlobal Resolve(string module, string name, string source)
    {
        // Protocol 2 pickles written by Python 2 (or with fix_imports) use the old module names.
        string mod = module switch { "__builtin__" => "builtins", "copy_reg" => "copyreg", _ => module };
        GlobalKind? kind = (mod, name) switch
        {
            ("collections", "OrderedDict") => GlobalKind.OrderedDict,
            ("torch._utils", "_rebuild_tensor") => GlobalKind.RebuildTensor,
            ("torch._utils", "_rebuild_tensor_v2") => GlobalKind.RebuildTensorV2,
            ("torch._utils", "_rebuild_tensor_v3") => GlobalKind.RebuildTensorV3,
            ("torch._utils", "_rebuild_parameter") => GlobalKind.RebuildParameter,
            ("torch._utils", "_rebuild_parameter_with_state") => GlobalKind.RebuildParameterWithState,
            ("torch._tensor", "_rebuild_from_type_v2") => GlobalKind.RebuildFromTypeV2,
            ("torch", "Size") => GlobalKind.TorchSize,
            ("torch", "device") => GlobalKind.TorchDevice,
            ("torch", "Tensor") or ("torch._tensor", "Tensor") => GlobalKind.TensorClass,
            ("torch.nn.parameter", "Parameter") or ("torch.nn", "Parameter") => GlobalKind.ParameterClass,
            ("_codecs", "encode") => GlobalKind.CodecsEncode,
            ("builtins", "set") => GlobalKind.Set,
            ("builtins", "frozenset") => GlobalKind.FrozenSet,
            ("builtins", "bytearray") => GlobalKind.ByteArray,
            ("builtins", "complex") => GlobalKind.Complex,
            _ => null,
        };
        if (kind is { } k) return new PickleGlobal(mod, name, k);

        if (mod is "torch" or "torch.cuda" or "torch.storage" && ElementType.FromStorageClass(name) is { } storage
            && (mod != "torch.storage" || name == "UntypedStorage"))
            return new PickleGlobal(mod, name, GlobalKind.StorageClass, storage);
        if (mod == "torch" && ElementType.FromTorchDtypeName(name) is { } dtype)
            return new PickleGlobal(mod, name, GlobalKind.Dtype, dtype);

        throw new UnsafeCheckpointException(source, mod + "." + name);
    }

    /// <summary>Applies an allow-listed callable (REDUCE, NEWOBJ) to its arguments.</summary>
    public static object? Apply(PickleGlobal callable, object?[] args, string source)
    {
        switch (callable.Kind)
        {
            case GlobalKind.OrderedDict:
                var dict = new CheckpointDict();
                if (args.Length == 1 && args[0] is IEnumerable<object?> pairs)
                    foreach (object? pair in pairs)
                    {
                        object?[] kv = Tuple(pair, 2, source, "an OrderedDict item");
                        dict.Set(kv[0]!, kv[1]);
                    }
                else Arity(callable, args, 0, 0, source);
                return dict;
            case GlobalKind.RebuildTensor:
                Arity(callable, args, 4, 4, source);
                return Rebuild(callable, args, null, source);
            case GlobalKind.RebuildTensorV2:
                Arity(callable, args, 6, 7, source);
                TensorRef v2 = Rebuild(callable, args, null, source);
                v2.RequiresGrad = args[4] is true;
                return v2;
            case GlobalKind.RebuildTensorV3:
                Arity(callable, args, 7, 8, source);
                if (args[6] is not PickleGlobal { Kind: GlobalKind.Dtype } dt)
                    throw Bad(source, $"{callable} expects a torch dtype as its 7th argument, got {Describe(args[6])}");
                TensorRef v3 = Rebuild(callable, args, dt.Element, source);
                v3.RequiresGrad = args[4] is true;
                return v3;
            case GlobalKind.RebuildParameter:
            case GlobalKind.RebuildParameterWithState:
                Arity(callable, args, callable.Kind == GlobalKind.RebuildParameter ? 3 : 4, 4, source);
                if (args[0] is not TensorRef data)
                    throw Bad(source, $"{callable} expects a tensor, got {Describe(args[0])}");
                data.RequiresGrad = args[1] is true;
                return data;
            case GlobalKind.RebuildFromTypeV2:
                Arity(callable, args, 4, 4, source);
                if (args[0] is not PickleGlobal inner || args[1] is not PickleGlobal { Kind: GlobalKind.TensorClass or GlobalKind.ParameterClass })
                    throw Bad(source, $"{callable} is only supported for plain tensors and parameters, got {Describe(args[1])}");
                return Apply(inner, Tuple(args[2], -1, source, "the rebuild arguments"), source);
            case GlobalKind.ParameterClass:
                // Very old files pickle nn.Parameter(data, requires_grad) as a plain class call.
                Arity(callable, args, 1, 2, source);
                if (args[0] is not TensorRef tensor) throw Bad(source, $"{callable} expects a tensor, got {Describe(args[0])}");
                tensor.RequiresGrad = args.Length < 2 || args[1] is true;
                return tensor;
            case GlobalKind.TorchSize:
                Arity(callable, args, 0, 1, source);
                object?[] dims = args.Length == 0 ? [] : Sequence(args[0], source, "torch.Size");
                foreach (object? d in dims)
                    if (d is not long) throw Bad(source, $"torch.Size holds a non-integer {Describe(d)}");
                return dims;
            case GlobalKind.TorchDevice:
                Arity(callable, args, 1, 2, source);
                if (args[0] is not string type) throw Bad(source, $"torch.device expects a string, got {Describe(args[0])}");
                return args.Length == 2 && args[1] is long index ? $"{type}:{index}" : type;
            case GlobalKind.CodecsEncode:
                Arity(callable, args, 2, 2, source);
                if (args[0] is not string text || args[1] is not ("latin1" or "latin-1" or "iso-8859-1"))
                    throw Bad(source, "_codecs.encode is only supported as protocol 2 uses it: encode(str, 'latin1')");
                return Encoding.Latin1.GetBytes(text);
            case GlobalKind.Set:
            case GlobalKind.FrozenSet:
                Arity(callable, args, 0, 1, source);
                return args.Length == 0 ? new List<object?>() : new List<object?>(Sequence(args[0], source, callable.FullName));
            case GlobalKind.ByteArray:
                Arity(callable, args, 0, 2, source);
                return args.Length == 0 ? Array.Empty<byte>() : args[0] as byte[]
                    ?? (args[0] is string s ? Encoding.Latin1.GetBytes(s) : throw Bad(source, "bytearray expects bytes"));
            case GlobalKind.Complex:
                Arity(callable, args, 2, 2, source);
                return new Complex(Number(args[0], source), Number(args[1], source));
            default:
                throw Bad(source, $"{callable} is a value, not a callable; the pickle applies it to arguments");
        }
    }

    private static TensorRef Rebuild(PickleGlobal callable, object?[] args, ElementType? dtype, string source)
    {
        if (args[0] is not StorageRef storage)
            throw Bad(source, $"{callable} expects a storage as its first argument, got {Describe(args[0])}");
        if (args[1] is not long offset || offset < 0)
            throw Bad(source, $"{callable} got an invalid storage offset {Describe(args[1])}");
        long[] size = Longs(args[2], source, "size");
        long[] stride = Longs(args[3], source, "stride");
        if (size.Length != stride.Length)
            throw Bad(source, $"{callable} got size [{string.Join(", ", size)}] and stride [{string.Join(", ", stride)}] of different ranks");
        return new TensorRef(storage, dtype ?? storage.Type, offset, size, stride);
    }

    private static long[] Longs(object? value, string source, string what)
    {
        object?[] items = Sequence(value, source, what);
        if (items.Length > 64) throw Bad(source, $"a tensor {what} has {items.Length} dimensions (at most 64 are supported)");
        var result = new long[items.Length];
        for (int i = 0; i < items.Length; i++)
            result[i] = items[i] is long v && v >= 0 ? v : throw Bad(source, $"a tensor {what} holds {Describe(items[i])}, not a non-negative integer");
        return result;
    }

    private static object?[] Sequence(object? value, string source, string what) => value switch
    {
        object?[] tuple => tuple,
        List<object?> list => list.ToArray(),
        _ => throw Bad(source, $"{what} must be a tuple or list, got {Describe(value)}"),
    };

    private static object?[] Tuple(object? value, int length, string source, string what)
    {
        object?[] items = Sequence(value, source, what);
        if (length >= 0 && items.Length != length) throw Bad(source, $"{what} must have {length} items, got {items.Length}");
        return items;
    }

    private static double Number(object? value, string source) => value switch
    {
        long l => l,
        double d => d,
        _ => throw Bad(source, $"expected a number, got {Describe(value)}"),
    };

    private static void Arity(PickleGlobal callable, object?[] args, int min, int max, string source)
    {
        if (args.Length < min || args.Length > max)
            throw Bad(source, $"{callable} called with {args.Length} argument(s); expected {(min == max ? min.ToString() : $"{min} to {max}")}");
    }

    internal static string Describe(object? value) => value switch
    {
        null => "None",
        string s => $"the string '{(s.Length > 40 ? s[..40] + "..." : s)}'",
        long or double or bool or BigInteger => $"the number {value}",
        object?[] t => $"a tuple of {t.Length}",
        List<object?> l => $"a list of {l.Count}",
        CheckpointDict d => $"a dict of {d.Count}",
        TensorRef => "a tensor",
        StorageRef => "a storage",
        PickleGlobal g => $"the global {g.FullName}",
        _ => value.GetType().Name,
    };

    private static InvalidDataException Bad(string source, string message) => new($"{source}: invalid checkpoint pickle: {message}.");
}
