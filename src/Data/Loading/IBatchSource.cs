namespace ModelZoo.Data.Loading;

/// <summary>
/// Anything that yields the batches of an epoch: the <see cref="DataLoader"/>, a list of cached batches, a streaming
/// source. The trainer, the evaluator and the learning-rate finder read their data through this interface.
/// </summary>
public interface IBatchSource
{
    /// <summary>Batches per epoch (an upper bound when samples may be skipped); schedules use it to size one epoch.</summary>
    int BatchCount { get; }

    /// <summary>The batches of <paramref name="epoch"/> (0-based), in order; each yielded batch belongs to the caller.</summary>
    IEnumerable<Batch> GetBatches(int epoch, CancellationToken cancellationToken = default);
}
