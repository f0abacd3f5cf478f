namespace ModelZoo.Data.Datasets.Common;

/// <summary>A dataset that reads each item from a file; lets error messages and tools name the file.</summary>
public interface IFileDataset
{
    /// <summary>The file of item <paramref name="index"/>.</summary>
    string SamplePath(int index);
}
