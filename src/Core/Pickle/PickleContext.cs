namespace ModelZoo.Core.Pickle;

/// <summary>
/// What an allow-list's constructors and <see cref="IPickleBuildTarget"/>s get from the unpickler: checks that turn a
/// malformed argument into an <see cref="InvalidDataException"/> naming the file, the byte and the problem.
/// </summary>
internal class PickleContext
{
    private readonly Func<string, InvalidDataException> _fail;
    private readonly PickleAllowList _allowList;

    internal PickleContext(PickleAllowList allowList, Func<string, InvalidDataException> fail)
    {
        _allowList = allowList;
        _fail = fail;
    }

    /// <summary>An error for a malformed pickle: "SOURCE: invalid PURPOSE pickle at byte N: MESSAGE."</summary>
    public InvalidDataException Fail(string message) => _fail(message);

    /// <summary>Applies another allow-listed global (a constructor that takes a constructor, as
    /// <c>_rebuild_from_type_v2</c> does).</summary>
    public object? Apply(PickleGlobal callable, object?[] args) => callable.Invoke(new PickleCall(callable, args, _allowList, _fail));

    /// <summary>The items of a tuple or list.</summary>
    public object?[] Sequence(object? value, string what) => value switch
    {
        object?[] tuple => tuple,
        List<object?> list => list.ToArray(),
        _ => throw Fail($"{what} must be a tuple or list, got {Describe(value)}"),
    };

    /// <summary>The items of a tuple or list of exactly <paramref name="length"/> items (any number when negative).</summary>
    public object?[] Tuple(object? value, int length, string what)
    {
        object?[] items = Sequence(value, what);
        if (length >= 0 && items.Length != length) throw Fail($"{what} must have {length} items, got {items.Length}");
        return items;
    }

    /// <summary>A tuple or list of at most 64 non-negative integers (a shape or strides).</summary>
    public long[] Dimensions(object? value, string what)
    {
        object?[] items = Sequence(value, what);
        if (items.Length > 64) throw Fail($"{what} has {items.Length} dimensions (at most 64 are supported)");
        var result = new long[items.Length];
        for (int i = 0; i < items.Length; i++)
            result[i] = items[i] is long v && v >= 0 ? v : throw Fail($"{what} holds {Describe(items[i])}, not a non-negative integer");
        return result;
    }

    /// <summary>An integer or float as a double.</summary>
    public double Number(object? value) => value switch
    {
        long l => l,
        double d => d,
        _ => throw Fail($"expected a number, got {Describe(value)}"),
    };

    /// <summary>Text from a str, or from bytes (latin-1, how Python 2 str pickles decode).</summary>
    public string Text(object? value, string what) => value switch
    {
        string s => s,
        byte[] b => System.Text.Encoding.Latin1.GetString(b),
        _ => throw Fail($"{what} must be text, got {Describe(value)}"),
    };

    /// <inheritdoc cref="PickleAllowList.Describe"/>
    public string Describe(object? value) => _allowList.Describe(value);
}
