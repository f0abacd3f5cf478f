namespace ModelZoo.Training;

/// <summary>The training loss became NaN or infinite (or, under fp16-mixed, every loss scale overflowed); the run stopped.</summary>
public sealed class TrainingDivergedException(string message, int epoch, int batch, long globalBatch) : InvalidOperationException(message)
{
    /// <summary>The epoch (1-based) of the first non-finite loss.</summary>
    public int Epoch { get; } = epoch;

    /// <summary>The batch within that epoch (1-based).</summary>
    public int Batch { get; } = batch;

    /// <summary>The batch counted over the whole run (1-based).</summary>
    public long GlobalBatch { get; } = globalBatch;
}
