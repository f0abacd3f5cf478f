using ModelZoo.Data.Transforms.Batching;
using static TorchSharp.torch;

namespace ModelZoo.Data.Loading;

/// <summary>Adapters for <see cref="DataLoaderOptions.BatchTransform"/>.</summary>
public static class BatchHooks
{
    /// <summary>Runs an <see cref="IBatchTransform"/> (MixUp, CutMix, …) on every batch, on the worker, with the
    /// loader's per-batch random stream. The batch's targets become what the transform returns (soft targets
    /// float [N, classes] for MixUp/CutMix); the original tensors are disposed.</summary>
    public static Func<Batch, Random, Batch> From(IBatchTransform transform)
    {
        ArgumentNullException.ThrowIfNull(transform);
        return (batch, random) =>
        {
            (Tensor inputs, Tensor targets) = transform.Apply(batch.Inputs, batch.Targets, random);
            return new Batch(inputs, targets, batch.Indices);
        };
    }
}
