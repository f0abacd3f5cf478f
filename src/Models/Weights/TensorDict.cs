using System.Collections;
using ModelZoo.Models.Weights.Loading;

namespace ModelZoo.Models.Weights;

/// <summary>
/// An ordered name → tensor dictionary that owns its tensors (disposing it disposes them), with the optional string
/// metadata of a safetensors file. What the readers return and what <see cref="StateDictLoader"/> consumes.
/// </summary>
public sealed class TensorDict : IReadOnlyDictionary<string, Tensor>, IDisposable
{
    private readonly List<string> _keys = new();
    private readonly Dictionary<string, Tensor> _map = new(StringComparer.Ordinal);

    private readonly bool _ownsTensors;

    public TensorDict(IReadOnlyDictionary<string, string>? metadata = null)
        : this(ownsTensors: true, metadata)
    {
    }

    /// <summary>A dictionary that only views tensors owned elsewhere (Dispose then releases nothing).</summary>
    internal TensorDict(bool ownsTensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        _ownsTensors = ownsTensors;
        Metadata = metadata ?? new Dictionary<string, string>();
    }

    /// <summary>String metadata (safetensors <c>__metadata__</c>); empty for other formats.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    public int Count => _keys.Count;
    public IEnumerable<string> Keys => _keys;
    public IEnumerable<Tensor> Values => _keys.Select(k => _map[k]);

    public Tensor this[string key] => _map.TryGetValue(key, out Tensor? t)
        ? t
        : throw new KeyNotFoundException($"No tensor named '{PrintableText.Escape(key)}'. Names: {string.Join(", ", _keys.Take(20).Select(k => PrintableText.Escape(k)))}{(_keys.Count > 20 ? ", ..." : "")}.");

    /// <summary>Adds a tensor (taking ownership). Throws on a duplicate name.</summary>
    public void Add(string key, Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(tensor);
        if (!_map.TryAdd(key, tensor)) throw new ArgumentException($"Duplicate tensor name '{PrintableText.Escape(key)}'.", nameof(key));
        _keys.Add(key);
    }

    public bool ContainsKey(string key) => _map.ContainsKey(key);

    public bool TryGetValue(string key, out Tensor value) => _map.TryGetValue(key, out value!);

    public IEnumerator<KeyValuePair<string, Tensor>> GetEnumerator() =>
        _keys.Select(k => new KeyValuePair<string, Tensor>(k, _map[k])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Dispose()
    {
        if (_ownsTensors)
            foreach (Tensor t in _map.Values) t.Dispose();
        _map.Clear();
        _keys.Clear();
    }
}
