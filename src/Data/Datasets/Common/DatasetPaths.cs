namespace ModelZoo.Data.Datasets.Common;

/// <summary>Finds the file behind a dataset item through any number of views (subsets, concatenations).</summary>
public static class DatasetPaths
{
    /// <summary>The file of item <paramref name="index"/>, or null when the dataset is not file-backed.</summary>
    public static string? TryGetPath(object dataset, int index)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        for (int depth = 0; depth < 64; depth++)
        {
            if (dataset is IFileDataset files) return files.SamplePath(index);
            if (dataset is not IDatasetView view) return null;
            (dataset, index) = view.SourceOf(index);
        }
        return null;
    }
}
