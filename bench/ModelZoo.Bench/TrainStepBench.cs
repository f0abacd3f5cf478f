using System.Diagnostics;
using ModelZoo.Data.Loading;
using ModelZoo.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Bench;

/// <summary>
/// The throughput pipeline feeding a CPU training step of a zoo model (ResNet-18 by default): per step, the time the
/// loop waits for the next batch and the time of forward + backward + SGD, and the fraction of step time spent
/// waiting for data. Also the step time on one cached batch (no loader) to show how much the workers slow the model.
/// </summary>
internal static class TrainStepBench
{
    public static void Run(string modelName, int workers, int batchSize, int steps, int warmup, string pipeline)
    {
        ModelEntry entry = Zoo.Get(modelName);
        int channels = entry.DefaultInputShape[0], size = entry.DefaultInputShape[1];
        CycledImageDataset dataset = CycledImageDataset.SharedImages((steps + warmup) * batchSize);
        using ImageClassifier model = Zoo.Create(modelName, new ModelOptions { NumClasses = dataset.Classes.Count, Seed = 0 });
        model.train();
        using var optimizer = torch.optim.SGD(model.parameters(), 0.01, momentum: 0.9);
        (var transform, ImageNormalization? normalization) = Pipelines.Train(size, channels, pipeline);
        var loader = new DataLoader(dataset, transform, new DataLoaderOptions
        {
            BatchSize = batchSize, Shuffle = true, Seed = 1, Workers = workers, DropLast = true, Normalization = normalization,
        });
        Console.WriteLine($"train step: {modelName} [{channels}, {size}, {size}], batch {batchSize}, {workers} worker(s), " +
                          $"{steps} measured steps after {warmup} warm-up, {pipeline} normalisation, torch threads {torch.get_num_threads()}, {Environment.ProcessorCount} cores");

        double wait = 0, compute = 0;
        int step = 0;
        var clock = Stopwatch.StartNew();
        using (IEnumerator<Batch> batches = loader.GetBatches(0).GetEnumerator())
        {
            while (true)
            {
                double t0 = clock.Elapsed.TotalSeconds;
                if (!batches.MoveNext()) break;
                double t1 = clock.Elapsed.TotalSeconds;
                using (Batch batch = batches.Current) Step(model, optimizer, batch.Inputs, batch.Targets);
                double t2 = clock.Elapsed.TotalSeconds;
                if (step++ >= warmup)
                {
                    wait += t1 - t0;
                    compute += t2 - t1;
                }
            }
        }
        int measured = step - warmup;
        Console.WriteLine($"  with loader: {(wait + compute) / measured:F3} s/step (data wait {wait / measured:F3} s, " +
                          $"compute {compute / measured:F3} s); waiting for data {100 * wait / (wait + compute):F1}% of step time");

        using Batch cached = loader.GetBatches(1).First();
        double alone = 0;
        for (int i = 0; i < Math.Min(measured, 5) + 1; i++)
        {
            double t0 = clock.Elapsed.TotalSeconds;
            Step(model, optimizer, cached.Inputs, cached.Targets);
            if (i > 0) alone += clock.Elapsed.TotalSeconds - t0;
        }
        Console.WriteLine($"  model alone (cached batch): {alone / Math.Min(measured, 5):F3} s/step");
    }

    private static void Step(ImageClassifier model, torch.optim.Optimizer optimizer, Tensor inputs, Tensor targets)
    {
        using var scope = torch.NewDisposeScope();
        optimizer.zero_grad();
        Tensor loss = nn.functional.cross_entropy(model.call(inputs), targets);
        loss.backward();
        optimizer.step();
    }
}
