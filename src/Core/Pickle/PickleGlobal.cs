namespace ModelZoo.Core.Pickle;

/// <summary>
/// What a <c>GLOBAL</c>/<c>STACK_GLOBAL</c> opcode pushes for a name its <see cref="PickleAllowList"/> accepts: a piece
/// of data (<see cref="Value"/>, e.g. the element type a torch dtype or storage class names), one of our own pure
/// constructors that <c>REDUCE</c>/<c>NEWOBJ</c> apply, or both. No Python name is ever looked up or called.
/// </summary>
internal sealed class PickleGlobal(string module, string name, object? value, Func<PickleCall, object?>? construct)
{
    public string Module { get; } = module;
    public string Name { get; } = name;
    public string FullName => Module + "." + Name;

    /// <summary>The use's data for this global (its meaning belongs to the allow-list that accepted it), or null.</summary>
    public object? Value { get; } = value;

    /// <summary>Runs our constructor for this global on <paramref name="call"/>'s arguments.</summary>
    internal object? Invoke(PickleCall call) => construct is null
        ? throw call.Fail($"{FullName} is a value, not a callable; the pickle applies it to arguments")
        : construct(call);

    public override string ToString() => FullName;
}
