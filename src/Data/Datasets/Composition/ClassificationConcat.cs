using ModelZoo.Data.Datasets.Common;
namespace ModelZoo.Data.Datasets.Composition;

/// <summary>A <see cref="ConcatDataset{T}"/> of classification datasets that share one class list.</summary>
public sealed class ClassificationConcat : IClassificationDataset, IDatasetView
{
    private readonly ConcatDataset<ImageSample> _concat;

    public ClassificationConcat(params IClassificationDataset[] datasets)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        if (datasets.Length == 0) throw new ArgumentException("ClassificationConcat needs at least one dataset.", nameof(datasets));
        IReadOnlyList<string> classes = datasets[0].Classes;
        for (int i = 1; i < datasets.Length; i++)
        {
            if (datasets[i] is null) throw new ArgumentNullException(nameof(datasets), $"Dataset {i} is null.");
            if (!datasets[i].Classes.SequenceEqual(classes))
                throw new ArgumentException(
                    $"Dataset {i} has classes [{string.Join(", ", datasets[i].Classes)}] but dataset 0 has [{string.Join(", ", classes)}]; " +
                    "concatenated classification datasets must share one class list in the same order.", nameof(datasets));
        }
        _concat = new ConcatDataset<ImageSample>(datasets);
        Classes = classes;
    }

    public int Count => _concat.Count;
    public IReadOnlyList<string> Classes { get; }
    public IReadOnlyList<int> CumulativeSizes => _concat.CumulativeSizes;
    public ImageSample this[int index] => _concat[index];
    public (object Dataset, int Index) SourceOf(int index) => _concat.SourceOf(index);
}
