using System.Collections;

namespace ModelZoo.Core.Pickle;

/// <summary>
/// A Python <c>dict</c>/<c>OrderedDict</c> read by the restricted unpickler, in insertion order. Keys are strings,
/// integers (<see cref="long"/> or <see cref="System.Numerics.BigInteger"/>), floats, booleans, bytes (<c>byte[]</c>,
/// compared by content) or tuples of those (<c>object?[]</c>, compared item by item); values are the unpickled tree:
/// <see cref="PickleDict"/>, lists (<c>List&lt;object?&gt;</c>), tuples (<c>object?[]</c>), <see cref="long"/>,
/// <see cref="System.Numerics.BigInteger"/>, <see cref="double"/>, <see cref="bool"/>, <see cref="string"/>,
/// <c>byte[]</c>, null, or what the reader's allow-list builds (tensors for a checkpoint, arrays for a CIFAR batch).
/// </summary>
public sealed class PickleDict : IReadOnlyDictionary<object, object?>
{
    private readonly List<object> _keys = new();
    private readonly Dictionary<object, object?> _map = new(KeyComparer.Instance);
    private Dictionary<string, object?>? _attributes;

    public int Count => _keys.Count;

    /// <summary>Keys in insertion order.</summary>
    public IEnumerable<object> Keys => _keys;

    public IEnumerable<object?> Values => _keys.Select(k => _map[k]);

    public object? this[object key] => _map.TryGetValue(key, out object? value)
        ? value
        : throw new KeyNotFoundException($"The dict has no key {Format(key)}; keys: {string.Join(", ", _keys.Select(Format))}.");

    /// <summary>Python attributes set on the object when it was pickled (for a state dict: <c>_metadata</c>, the
    /// per-module version numbers).</summary>
    public IReadOnlyDictionary<string, object?> Attributes =>
        (IReadOnlyDictionary<string, object?>?)_attributes ?? new Dictionary<string, object?>();

    public bool ContainsKey(object key) => _map.ContainsKey(key);

    public bool TryGetValue(object key, out object? value) => _map.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<object, object?>> GetEnumerator() =>
        _keys.Select(k => new KeyValuePair<object, object?>(k, _map[k])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal void Set(object key, object? value)
    {
        if (!_map.ContainsKey(key)) _keys.Add(key);
        _map[key] = value;
    }

    internal void SetAttribute(string name, object? value) => (_attributes ??= new())[name] = value;

    internal void ReplaceValues(Func<object?, object?> replace)
    {
        foreach (object key in _keys) _map[key] = replace(_map[key]);
        if (_attributes != null)
            foreach (string name in _attributes.Keys.ToArray()) _attributes[name] = replace(_attributes[name]);
    }

    internal static string Format(object key) => key switch
    {
        string s => $"'{PrintableText.Escape(s)}'",
        byte[] b => $"b'{System.Text.Encoding.Latin1.GetString(b)}'",
        object?[] t => "(" + string.Join(", ", t.Select(x => x is null ? "None" : Format(x))) + ")",
        _ => key.ToString() ?? "?",
    };

    /// <summary>Python-like key equality: tuples compare item by item, bytes by content, everything else by value.</summary>
    private sealed class KeyComparer : IEqualityComparer<object>
    {
        public static readonly KeyComparer Instance = new();

        public new bool Equals(object? x, object? y) => (x, y) switch
        {
            (object?[] a, object?[] b) => a.Length == b.Length && a.Zip(b).All(p => Equals(p.First, p.Second)),
            (byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b),
            _ => object.Equals(x, y),
        };

        public int GetHashCode(object obj)
        {
            if (obj is byte[] bytes)
            {
                var content = new HashCode();
                content.AddBytes(bytes);
                return content.ToHashCode();
            }
            if (obj is not object?[] tuple) return obj.GetHashCode();
            var hash = new HashCode();
            foreach (object? item in tuple) hash.Add(item is null ? 0 : GetHashCode(item));
            return hash.ToHashCode();
        }
    }
}
