namespace ModelZoo.Core;

/// <summary>
/// One table from the names a user types on the command line to values and back: case-insensitive, surrounding spaces
/// ignored, '_' read as '-', aliases accepted (e.g. <c>nhwc</c> for <c>channels-last</c>). An unknown name is an
/// <see cref="ArgumentException"/> naming it and listing the canonical names.
/// </summary>
/// <typeparam name="T">The value a name stands for (an enum value, a factory, ...).</typeparam>
public sealed class NameTable<T>
{
    private readonly Dictionary<string, T> _byName = new(StringComparer.Ordinal);
    private readonly List<(string Name, T Value)> _canonical = new();
    private readonly string _what;

    /// <param name="what">What the names are, for the error ("memory format").</param>
    public NameTable(string what)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(what);
        _what = what;
    }

    /// <summary>The canonical names, in the order they were added.</summary>
    public IReadOnlyList<string> Names => _canonical.Select(e => e.Name).ToArray();

    /// <summary>Adds <paramref name="name"/> (canonical, listed in errors) and its <paramref name="aliases"/> for
    /// <paramref name="value"/>; returns this table so a table reads as one expression.</summary>
    public NameTable<T> Add(string name, T value, params string[] aliases)
    {
        foreach (string n in aliases.Prepend(name))
            if (!_byName.TryAdd(Normalise(n), value))
                throw new ArgumentException($"The {_what} name '{n}' is in the table twice.", nameof(name));
        _canonical.Add((Normalise(name), value));
        return this;
    }

    /// <summary>The value <paramref name="name"/> stands for.</summary>
    public T Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.TryGetValue(Normalise(name), out T? value)
            ? value
            : throw new ArgumentException($"Unknown {_what} '{name}'. Expected one of: {string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>The canonical name of <paramref name="value"/>.</summary>
    public string ToName(T value)
    {
        foreach ((string n, T v) in _canonical)
            if (EqualityComparer<T>.Default.Equals(v, value)) return n;
        throw new ArgumentOutOfRangeException(nameof(value), value, $"No {_what} name for this value.");
    }

    private static string Normalise(string name) => name.Trim().ToLowerInvariant().Replace('_', '-');
}
