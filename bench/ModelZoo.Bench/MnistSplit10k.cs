using ModelZoo.Data;
using ModelZoo.Data.Datasets.Mnist;
using ModelZoo.Data.Loading;
using ModelZoo.Data.Transforms;

namespace ModelZoo.Bench;

/// <summary>The MNIST-10k split of the benchmarks: t10k items 0–7,999 for training (shuffled, seed 0) and 8,000–9,999
/// for evaluation, padded to LeNet-5's 32×32 and normalised; and the same training batches cached in memory.</summary>
internal static class MnistSplit10k
{
    public static (DataLoader Train, DataLoader Eval) Loaders(int batchSize)
    {
        MnistDataset mnist = MnistDataset.Load(ModelZoo.Tests.RepoPaths.SharedData("mnist"), MnistSplit.Test);
        var transform = new Compose(new Pad(2), new ToTensor(), Normalize.Mnist());
        var train = new DataLoader(ClassificationSubset.Range(mnist, 0, 8000), transform, new DataLoaderOptions { BatchSize = batchSize, Shuffle = true });
        var eval = new DataLoader(ClassificationSubset.Range(mnist, 8000, 10000), transform, new DataLoaderOptions { BatchSize = 256 });
        return (train, eval);
    }
}

/// <summary>Batches collated once and handed out again (clones) every epoch, so a benchmark measures the loop, not the loader.</summary>
internal sealed class CachedBatches : IBatchSource
{
    private readonly List<Batch> _batches;

    public CachedBatches(IBatchSource source, int epoch = 0) => _batches = source.GetBatches(epoch).ToList();

    public int BatchCount => _batches.Count;

    public IEnumerable<Batch> GetBatches(int epoch, CancellationToken cancellationToken = default)
    {
        foreach (Batch b in _batches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new Batch(b.Inputs.clone(), b.Targets.clone(), b.Indices);
        }
    }
}
