using System.Numerics;

namespace ModelZoo.Core.Pickle;

/// <summary>
/// The globals one use of the <see cref="RestrictedUnpickler"/> accepts, each with our own constructor or value, in
/// the spirit of <c>torch.load(weights_only=True)</c>: a checkpoint reader lists torch's tensor rebuild functions, a
/// CIFAR reader numpy's array reconstruction. Every other global is refused with the use's own exception before
/// anything is built; nothing is ever imported or executed. Built once, then read-only (safe to share across threads).
/// </summary>
internal sealed class PickleAllowList
{
    private readonly Dictionary<(string Module, string Name), PickleGlobal> _globals = new();
    private readonly Func<string, string, Exception> _refuse;

    /// <param name="purpose">What the pickles are, for error messages ("invalid PURPOSE pickle").</param>
    /// <param name="refuse">Makes the exception for a refused global from the source name and <c>module.name</c>.</param>
    public PickleAllowList(string purpose, Func<string, string, Exception> refuse)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        ArgumentNullException.ThrowIfNull(refuse);
        Purpose = purpose;
        _refuse = refuse;
    }

    /// <summary>What the pickles are ("checkpoint", "CIFAR"), as error messages name them.</summary>
    public string Purpose { get; }

    /// <summary>How Python 2 str opcodes are read (default <see cref="PickleStrings.Text"/>).</summary>
    public PickleStrings Python2Strings { get; init; } = PickleStrings.Text;

    /// <summary>Describes the use's own objects in error messages (null for values it does not know).</summary>
    public Func<object, string?>? DescribeValue { get; init; }

    /// <summary>The accepted globals as <c>module.name</c>.</summary>
    public IEnumerable<string> Names => _globals.Values.Select(g => g.FullName);

    /// <summary>Accepts <c>module.name</c> as a callable built by <paramref name="construct"/>; <paramref name="value"/> is
    /// optional data the use attaches to the global.</summary>
    public PickleAllowList Allow(string module, string name, Func<PickleCall, object?> construct, object? value = null)
    {
        ArgumentNullException.ThrowIfNull(construct);
        return Add(new PickleGlobal(module, name, value, construct));
    }

    /// <summary>Accepts <c>module.name</c> as plain data (a dtype, a storage class, a class used only as a tag): the
    /// pickle may pass it around but not call it.</summary>
    public PickleAllowList AllowValue(string module, string name, object? value = null) => Add(new PickleGlobal(module, name, value, null));

    /// <summary>The global for <c>module.name</c> (Python 2 module names mapped to Python 3's, as <c>fix_imports</c>
    /// does), or the use's refusal exception.</summary>
    public PickleGlobal Resolve(string module, string name, string source)
    {
        string mod = module switch { "__builtin__" => "builtins", "copy_reg" => "copyreg", _ => module };
        return _globals.TryGetValue((mod, name), out PickleGlobal? global) ? global : throw _refuse(source, mod + "." + name);
    }

    /// <summary>A short description of an unpickled value for error messages ("a tuple of 3", "the global torch.Size").</summary>
    public string Describe(object? value) => value switch
    {
        null => "None",
        string s => $"the string '{PrintableText.Escape(s, 40)}'",
        long or double or bool or BigInteger or Complex => $"the number {value}",
        byte[] b => $"bytes of {b.Length}",
        object?[] t => $"a tuple of {t.Length}",
        List<object?> l => $"a list of {l.Count}",
        PickleDict d => $"a dict of {d.Count}",
        PickleGlobal g => $"the global {g.FullName}",
        _ => DescribeValue?.Invoke(value) ?? value.GetType().Name,
    };

    private PickleAllowList Add(PickleGlobal global)
    {
        if (!_globals.TryAdd((global.Module, global.Name), global))
            throw new ArgumentException($"{global.FullName} is already on the {Purpose} allow-list.");
        return this;
    }
}
