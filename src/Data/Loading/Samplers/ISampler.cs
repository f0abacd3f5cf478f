namespace ModelZoo.Data.Loading.Samplers;

/// <summary>
/// Chooses the dataset indices of an epoch and their order (PyTorch's Sampler). The result must depend only on
/// (seed, epoch) so that every worker count and every rerun sees the same order.
/// </summary>
public interface ISampler
{
    /// <summary>Indices per epoch.</summary>
    int Count { get; }

    /// <summary>The dataset indices of <paramref name="epoch"/>, in the order they are batched.</summary>
    int[] Indices(int epoch, long seed);
}
