namespace ModelZoo.Data.Datasets.Common;

/// <summary>A dataset item could not be read, decoded or transformed. The message names the item and, for
/// file-backed datasets, the file.</summary>
public sealed class SampleLoadException : IOException
{
    public SampleLoadException(string message, int index, string? path, Exception? innerException = null)
        : base(message, innerException)
    {
        Index = index;
        Path = path;
    }

    /// <summary>The dataset index of the sample.</summary>
    public int Index { get; }

    /// <summary>The sample's file, when the dataset reads one file per item.</summary>
    public string? Path { get; }
}
