namespace ModelZoo.Data.Loading;

/// <summary>Options of <see cref="DataLoader"/> (PyTorch's names and defaults).</summary>
public sealed record DataLoaderOptions
{
    /// <summary>Samples per batch (default 64).</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Reshuffle every epoch with a permutation derived from (Seed, epoch).</summary>
    public bool Shuffle { get; init; }

    /// <summary>Seed of the shuffle and of every sample's augmentation stream.</summary>
    public long Seed { get; init; }

    /// <summary>Drop the last incomplete batch.</summary>
    public bool DropLast { get; init; }

    internal void Validate()
    {
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be >= 1.");
    }
}
