using ModelZoo.Data.Datasets.Common;
namespace ModelZoo.Data;

/// <summary>A <see cref="Subset{T}"/> of a classification dataset that keeps the class names.</summary>
public sealed class ClassificationSubset : IClassificationDataset, IDatasetView
{
    private readonly Subset<ImageSample> _subset;

    public ClassificationSubset(IClassificationDataset source, IReadOnlyList<int> indices)
    {
        _subset = new Subset<ImageSample>(source, indices);
        Classes = source.Classes;
    }

    public static ClassificationSubset Range(IClassificationDataset source, int start, int end)
    {
        Subset<ImageSample> range = Subset<ImageSample>.Range(source, start, end);
        return new ClassificationSubset(source, range.Indices);
    }

    public int Count => _subset.Count;
    public IReadOnlyList<string> Classes { get; }
    public IReadOnlyList<int> Indices => _subset.Indices;
    public ImageSample this[int index] => _subset[index];

    public (object Dataset, int Index) SourceOf(int index) => _subset.SourceOf(index);
}
