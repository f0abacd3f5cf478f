using ModelZoo.Data.Datasets.Mnist;
using ModelZoo.Data.Loading;
using ModelZoo.Data.Transforms;
using TorchSharp;

namespace ModelZoo.Bench;

/// <summary>Iterates MNIST t10k (10,000 items) for many epochs with the parallel loader and records the process RSS
/// after each epoch; passes when every epoch stays within 10% of the RSS after epoch 1.</summary>
internal static class MemoryBench
{
    public static int Run(int epochs, int workers, int batchSize)
    {
        MnistDataset mnist = MnistDataset.Load(ModelZoo.Tests.RepoPaths.SharedData("mnist"), MnistSplit.Test);
        var transform = new Compose(new RandomCrop(28, padding: 2), new ToTensor(), Normalize.Mnist());
        var loader = new DataLoader(mnist, transform, new DataLoaderOptions { BatchSize = batchSize, Shuffle = true, Seed = 3, Workers = workers });
        Console.WriteLine($"memory: MNIST t10k ({mnist.Count} items), batch {batchSize}, {workers} worker(s), RandomCrop(28, pad 2) + ToTensor + Normalize, {epochs} epochs");
        Console.WriteLine($"  before: RSS {Rss.MiB():F1} MiB");
        var rss = new List<double>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            double checksum = 0;
            foreach (Batch batch in loader.GetBatches(epoch))
            {
                using (batch)
                using (torch.NewDisposeScope())
                    checksum += batch.Inputs.sum().item<float>();
            }
            rss.Add(Rss.MiB());
            Console.WriteLine($"  epoch {epoch + 1,2}: RSS {rss[^1]:F1} MiB, managed heap {GC.GetTotalMemory(false) / 1048576.0:F1} MiB, " +
                              $"{clock.Elapsed.TotalSeconds:F1} s, checksum {checksum:F0}");
        }
        double first = rss[0], max = rss.Max(), min = rss.Min();
        double worst = Math.Max(max / first - 1, 1 - min / first) * 100;
        bool ok = worst <= 10;
        Console.WriteLine($"  RSS after epoch 1: {first:F1} MiB; range over all epochs {min:F1}..{max:F1} MiB; largest deviation {worst:F1}% " +
                          $"-> {(ok ? "PASS" : "FAIL")} (limit 10%)");
        return ok ? 0 : 1;
    }
}
