using ModelZoo.Data.Datasets.Common;
namespace ModelZoo.Data.Loading;

/// <summary>What the <see cref="DataLoader"/> does with a sample that cannot be loaded or transformed.</summary>
public enum SampleErrorPolicy
{
    /// <summary>Stop the epoch with a <see cref="SampleLoadException"/> naming the sample index and file.</summary>
    Throw,

    /// <summary>Leave the sample out of its batch (the batch gets smaller), record it in
    /// <see cref="DataLoader.Skipped"/> and count it in <see cref="DataLoader.SkippedCount"/>.</summary>
    Skip,
}
