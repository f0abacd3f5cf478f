using ModelZoo.Data.Datasets.Cifar;
using ModelZoo.Data.Datasets.Common;
using ModelZoo.Data.Datasets.ImageFolders;
using ModelZoo.Data.Datasets.Mnist;

namespace ModelZoo.Data.Datasets.Composition;

/// <summary>
/// The items of some classes of a dataset, relabelled 0..k−1 in the order the classes are given (e.g. MNIST digits
/// 5–9 as a 5-class task), optionally only the first <c>limit</c> of them. Labels are read without decoding images
/// where the source allows (MNIST, CIFAR, ImageFolder, and subsets of them).
/// </summary>
public sealed class ClassSubset : IClassificationDataset, IDatasetView
{
    private readonly IClassificationDataset _source;
    private readonly int[] _indices;
    private readonly Dictionary<int, int> _relabel;

    private ClassSubset(IClassificationDataset source, int[] indices, IReadOnlyList<int> classes)
    {
        _source = source;
        _indices = indices;
        _relabel = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
        Classes = classes.Select(c => source.Classes[c]).ToArray();
    }

    /// <summary>Items of <paramref name="source"/> whose class is in <paramref name="classes"/> (indices of
    /// <c>source.Classes</c>), in source order, at most <paramref name="limit"/> of them.</summary>
    public static ClassSubset Of(IClassificationDataset source, IReadOnlyList<int> classes, int? limit = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(classes);
        if (classes.Count == 0) throw new ArgumentException("Name at least one class.", nameof(classes));
        foreach (int c in classes)
            if (c < 0 || c >= source.Classes.Count)
                throw new ArgumentOutOfRangeException(nameof(classes), c, $"The dataset has classes 0..{source.Classes.Count - 1} ({string.Join(", ", source.Classes)}).");
        if (classes.Distinct().Count() != classes.Count) throw new ArgumentException("Classes repeat.", nameof(classes));
        if (limit is < 1) throw new ArgumentOutOfRangeException(nameof(limit), limit, "The limit must be >= 1.");
        var wanted = new HashSet<int>(classes);
        var indices = new List<int>();
        for (int i = 0; i < source.Count && (limit is null || indices.Count < limit); i++)
            if (wanted.Contains(LabelOf(source, i))) indices.Add(i);
        if (indices.Count == 0)
            throw new ArgumentException($"No item of class(es) {string.Join(", ", classes.Select(c => source.Classes[c]))} in the dataset ({source.Count} items).", nameof(classes));
        return new ClassSubset(source, indices.ToArray(), classes);
    }

    /// <summary>Class indices from names ("5", "ants") or numbers.</summary>
    public static int[] ResolveClasses(IClassificationDataset source, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(source);
        return names.Select(n =>
        {
            string name = n.Trim();
            int byName = source.Classes.ToList().FindIndex(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase));
            if (byName >= 0) return byName;
            if (int.TryParse(name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index)
                && index < source.Classes.Count) return index;
            throw new ArgumentException($"Unknown class '{name}'. Classes: {string.Join(", ", source.Classes)}.");
        }).ToArray();
    }

    public int Count => _indices.Length;
    public IReadOnlyList<string> Classes { get; }

    /// <summary>Source indices of the items, in order.</summary>
    public IReadOnlyList<int> Indices => _indices;

    public ImageSample this[int index]
    {
        get
        {
            ImageSample sample = _source[_indices[index]];
            return sample with { Label = _relabel[sample.Label] };
        }
    }

    public (object Dataset, int Index) SourceOf(int index) => (_source, _indices[index]);

    /// <summary>The label of item <paramref name="index"/>, without decoding the image when the source allows.</summary>
    internal static int LabelOf(IClassificationDataset dataset, int index)
    {
        switch (dataset)
        {
            case MnistDataset mnist: return mnist.LabelAt(index);
            case CifarDataset cifar: return cifar.LabelAt(index);
            case ImageFolder folder: return folder.Samples[index].Label;
            case ClassSubset subset: return subset._relabel[LabelOf(subset._source, subset._indices[index])];
            case ClassificationSubset view when view.SourceOf(index) is (IClassificationDataset inner, int j): return LabelOf(inner, j);
            default: return dataset[index].Label;
        }
    }
}
