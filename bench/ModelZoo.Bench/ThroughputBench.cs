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
            var cpuPerImage = new List<double>();
            using var process = Process.GetCurrentProcess();
            for (int r = 0; r < repeats; r++)
            {
                process.Refresh();
                TimeSpan cpu0 = process.TotalProcessorTime;
                var stopwatch = Stopwatch.StartNew();
                int n = Drain(loader, epoch: r);
                rates.Add(n / stopwatch.Elapsed.TotalSeconds);
                process.Refresh();
                cpuPerImage.Add((process.TotalProcessorTime - cpu0).TotalMilliseconds / n);
            }
            rates.Sort();
            cpuPerImage.Sort();
            double cpu = cpuPerImage[cpuPerImage.Count / 2];
            int usable = Math.Min(Math.Max(workers, 1), Environment.ProcessorCount);
            Console.WriteLine($"  workers={workers}: {rates[rates.Count / 2]:F1} images/s wall (median of {repeats}; min {rates[0]:F1}, max {rates[^1]:F1}); " +
                              $"{cpu:F2} CPU-ms/image -> {usable * 1000 / cpu:F0} images/s on {usable} idle core(s)");
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
