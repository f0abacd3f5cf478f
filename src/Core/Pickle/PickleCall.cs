namespace ModelZoo.Core.Pickle;

/// <summary>One application of an allow-listed global (<c>REDUCE</c>, <c>NEWOBJ</c>, <c>INST</c>, <c>OBJ</c>) as its
/// constructor sees it: the global and its arguments, plus the checks of <see cref="PickleContext"/>.</summary>
internal sealed class PickleCall : PickleContext
{
    internal PickleCall(PickleGlobal callable, object?[] args, PickleAllowList allowList, Func<string, InvalidDataException> fail)
        : base(allowList, fail)
    {
        Callable = callable;
        Args = args;
    }

    /// <summary>The global being applied.</summary>
    public PickleGlobal Callable { get; }

    public object?[] Args { get; }

    public int Count => Args.Length;

    public object? this[int index] => Args[index];

    /// <summary>Fails unless there are <paramref name="min"/> to <paramref name="max"/> arguments.</summary>
    public void Arity(int min, int max)
    {
        if (Count < min || Count > max)
            throw Fail($"{Callable} called with {Count} argument(s); expected {(min == max ? min.ToString() : $"{min} to {max}")}");
    }
}
