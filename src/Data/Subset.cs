using ModelZoo.Data.Datasets.Common;
namespace ModelZoo.Data;

/// <summary>A view of some items of a dataset, by index list.</summary>
public sealed class Subset<T> : IDataset<T>, IDatasetView
{
    private readonly IDataset<T> _source;
    private readonly int[] _indices;

    public Subset(IDataset<T> source, IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(indices);
        _indices = indices.ToArray();
        int bad = Array.FindIndex(_indices, i => (uint)i >= (uint)source.Count);
        if (bad >= 0)
            throw new ArgumentOutOfRangeException(nameof(indices), $"Index {_indices[bad]} is outside the source dataset (0..{source.Count - 1}).");
        _source = source;
    }

    /// <summary>Items [start, end) of <paramref name="source"/>.</summary>
    public static Subset<T> Range(IDataset<T> source, int start, int end)
    {
        if (start < 0 || end > source.Count || start >= end)
            throw new ArgumentOutOfRangeException(nameof(start),
                $"Range {start}:{end} is not within the dataset's {source.Count} items (expected 0 <= start < end <= {source.Count}).");
        return new Subset<T>(source, Enumerable.Range(start, end - start).ToArray());
    }

    public int Count => _indices.Length;
    public IReadOnlyList<int> Indices => _indices;
    public T this[int index] => _source[_indices[index]];

    public (object Dataset, int Index) SourceOf(int index) => (_source, _indices[index]);
}
