using System.Diagnostics;
using ModelZoo.Data.Loading;

namespace ModelZoo.Bench;

/// <summary>Images per second of decode + RandomResizedCrop(224) + flip + normalize + collate over the shared images
/// (cycled), for each worker count.</summary>
internal static class ThroughputBench
{
    public static void Run(int[] workerCounts, int images, int batchSize, int repeats, string pipeline)
    {
        CycledImageDataset dataset = CycledImageDataset.SharedImages(images);
        Console.WriteLine($"throughput: {images} images ({dataset.DistinctFiles} distinct files cycled), batch {batchSize}, " +
                          $"RandomResizedCrop(224) + RandomHorizontalFlip + normalize ({pipeline}) + collate, {Environment.ProcessorCount} cores, " +
                          $"torch threads {TorchSharp.torch.get_num_threads()}");
        foreach (int workers in workerCounts)
        {
            (var transform, ImageNormalization? normalization) = Pipelines.Train(224, 3, pipeline);
            var loader = new DataLoader(dataset, transform, new DataLoaderOptions
            {
                BatchSize = batchSize, Shuffle = true, Seed = 1, Workers = workers, Normalization = normalization,
            });
            Drain(loader, epoch: -1); // warm-up: JIT, decoder and allocator
            var rates = new List<double>();
            for (int r = 0; r < repeats; r++)
            {
                var stopwatch = Stopwatch.StartNew();
                int n = Drain(loader, epoch: r);
                rates.Add(n / stopwatch.Elapsed.TotalSeconds);
            }
            rates.Sort();
            Console.WriteLine($"  workers={workers}: {rates[rates.Count / 2]:F1} images/s (median of {repeats}; min {rates[0]:F1}, max {rates[^1]:F1})");
        }
    }

    private static int Drain(DataLoader loader, int epoch)
    {
        int n = 0;
        foreach (Batch batch in loader.GetBatches(epoch))
        {
            n += batch.Size;
            batch.Dispose();
        }
        return n;
    }
}
