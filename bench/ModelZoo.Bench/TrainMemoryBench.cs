using ModelZoo.Data.Loading;
using ModelZoo.Models;
using ModelZoo.Training;
using ModelZoo.Training.Callbacks;
using ModelZoo.Training.Schedulers;

namespace ModelZoo.Bench;

/// <summary>
/// RSS over a long LeNet-5 run through <see cref="Trainer.Fit"/> with the whole recipe active — one-cycle schedule, EMA,
/// gradient clipping, label smoothing, evaluation with the default metrics after every epoch, the metrics logger and
/// TensorBoard — on the MNIST-10k split: the process RSS is sampled every 500 optimizer steps; passes when every sample
/// after step 500 is within 5 % of the value at step 500.
/// </summary>
internal static class TrainMemoryBench
{
    public static int Run(int steps, int batchSize)
    {
        (DataLoader train, DataLoader eval) = MnistSplit10k.Loaders(batchSize);
        int epochs = (steps + train.BatchCount - 1) / train.BatchCount;
        string logs = Path.Combine(Path.GetTempPath(), "modelzoo-train-memory-" + Environment.ProcessId);
        using ImageClassifier model = Zoo.Create("lenet5", new ModelOptions { NumClasses = 10, InputSize = 32, Seed = 0 });
        var samples = new List<(long Step, double MiB)>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var trainer = new Trainer(new TrainerOptions
        {
            Epochs = epochs, Optimizer = OptimizerKind.AdamW, LearningRate = 0.003, WeightDecay = 0.01, GradientClipNorm = 5, LabelSmoothing = 0.1, Device = "cpu",
        });
        trainer.Add(new OneCycleSchedule()).Add(new ExponentialMovingAverage()).Add(new MetricsLogger(logs)).Add(new TensorBoardLogger(Path.Combine(logs, "tb")))
            .Add(new RssSampler(samples, steps, clock));
        Console.WriteLine($"train-memory: LeNet-5, MNIST-10k split, batch {batchSize}, {steps} steps ({epochs} epochs) with one-cycle, EMA, clipping, " +
                          $"label smoothing, eval metrics, metrics logger and TensorBoard; RSS every 500 steps");
        Console.WriteLine($"  before: RSS {Rss.MiB():F1} MiB");
        trainer.Fit(model, train, eval);
        Directory.Delete(logs, recursive: true);
        (long _, double reference) = samples.First(s => s.Step >= 500);
        double worst = samples.Where(s => s.Step > 500).Select(s => Math.Abs(s.MiB / reference - 1) * 100).DefaultIfEmpty(0).Max();
        bool ok = worst <= 5;
        double low = samples.Where(s => s.Step > 500).Select(s => s.MiB).DefaultIfEmpty(reference).Min(), high = samples.Max(s => s.MiB);
        Console.WriteLine(FormattableString.Invariant(
            $"  RSS at step 500: {reference:F1} MiB; range after it {low:F1}..{high:F1} MiB; largest deviation {worst:F2}% -> {(ok ? "PASS" : "FAIL")} (limit 5%)"));
        return ok ? 0 : 1;
    }

    private sealed class RssSampler(List<(long Step, double MiB)> samples, int steps, System.Diagnostics.Stopwatch clock) : ITrainerCallback
    {
        public void OnAfterOptimizerStep(TrainerContext context, bool applied)
        {
            if (context.GlobalStep % 500 == 0)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                samples.Add((context.GlobalStep, Rss.MiB()));
                Console.WriteLine(FormattableString.Invariant(
                    $"  step {context.GlobalStep,5}: RSS {samples[^1].MiB:F1} MiB, managed {GC.GetTotalMemory(false) / 1048576.0:F1} MiB, {clock.Elapsed.TotalSeconds:F0} s"));
            }
            if (context.GlobalStep >= steps) context.StopRequested = true;
        }
    }
}
