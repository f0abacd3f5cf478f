namespace ModelZoo.Data;

/// <summary>A random-access, deterministic dataset: item i is the same on every call.</summary>
public interface IDataset<out T>
{
    int Count { get; }

    /// <summary>Item <paramref name="index"/> (0 ≤ index &lt; Count).</summary>
    T this[int index] { get; }
}
