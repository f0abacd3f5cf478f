namespace ModelZoo.Data.Datasets.Common;

/// <summary>A dataset whose items are items of another dataset (subset, concatenation): lets tools trace an item
/// back to its source, e.g. to name the file of a failing sample.</summary>
public interface IDatasetView
{
    /// <summary>The dataset and index that item <paramref name="index"/> comes from.</summary>
    (object Dataset, int Index) SourceOf(int index);
}
