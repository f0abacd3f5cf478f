namespace ModelZoo.Data;

/// <summary>An image classification dataset with named classes.</summary>
public interface IClassificationDataset : IDataset<ImageSample>
{
    /// <summary>Class names in index order.</summary>
    IReadOnlyList<string> Classes { get; }
}
