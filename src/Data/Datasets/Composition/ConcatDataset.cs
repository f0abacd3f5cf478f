using ModelZoo.Data.Datasets.Common;
namespace ModelZoo.Data.Datasets.Composition;

/// <summary>Datasets one after another (PyTorch's ConcatDataset): item i of the concatenation is item
/// i − offset of the dataset whose range holds i.</summary>
public sealed class ConcatDataset<T> : IDataset<T>, IDatasetView
{
    private readonly IDataset<T>[] _datasets;
    private readonly int[] _ends;

    public ConcatDataset(params IDataset<T>[] datasets) : this((IEnumerable<IDataset<T>>)datasets) { }

    public ConcatDataset(IEnumerable<IDataset<T>> datasets)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        _datasets = datasets.ToArray();
        if (_datasets.Length == 0) throw new ArgumentException("ConcatDataset needs at least one dataset.", nameof(datasets));
        _ends = new int[_datasets.Length];
        long total = 0;
        for (int i = 0; i < _datasets.Length; i++)
        {
            if (_datasets[i] is null) throw new ArgumentNullException(nameof(datasets), $"Dataset {i} is null.");
            total += _datasets[i].Count;
            if (total > int.MaxValue) throw new ArgumentException("The concatenation would hold more than int.MaxValue items.", nameof(datasets));
            _ends[i] = (int)total;
        }
        Count = (int)total;
    }

    public int Count { get; }
    public IReadOnlyList<IDataset<T>> Datasets => _datasets;

    /// <summary>Running totals of the datasets' sizes (PyTorch's cumulative_sizes).</summary>
    public IReadOnlyList<int> CumulativeSizes => _ends;

    public T this[int index]
    {
        get
        {
            (int dataset, int local) = Locate(index);
            return _datasets[dataset][local];
        }
    }

    /// <summary>Which dataset holds item <paramref name="index"/>, and its index there.</summary>
    public (int DatasetIndex, int SampleIndex) Locate(int index)
    {
        if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"Index must be in 0..{Count - 1}.");
        int k = Array.BinarySearch(_ends, index);
        k = k >= 0 ? k + 1 : ~k; // first dataset whose end is > index
        while (_datasets[k].Count == 0) k++;
        return (k, index - (k == 0 ? 0 : _ends[k - 1]));
    }

    public (object Dataset, int Index) SourceOf(int index)
    {
        (int dataset, int local) = Locate(index);
        return (_datasets[dataset], local);
    }
}
