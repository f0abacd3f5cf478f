using System.Diagnostics;
using ModelZoo.Data.Loading;
using ModelZoo.Models;
using ModelZoo.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Bench;

/// <summary>
/// The trainer's overhead: one LeNet-5 epoch on the MNIST-10k training split through <see cref="Trainer.Fit"/> (with the
/// default callbacks: the non-finite-loss guard, device-side loss/accuracy sums) against a minimal hand-written
/// TorchSharp loop (zero_grad, forward, cross-entropy, backward, SGD step) with the same initial weights, the same
/// batches in the same order (cached in memory, or the loader) and the same optimizer (SGD, lr 0.01, momentum 0.9).
/// The two alternate (ABBA) for <c>repeats</c> rounds; reported: median wall and CPU seconds per epoch and their ratios.
/// </summary>
internal static class OverheadBench
{
    public static int Run(int repeats, int batchSize, string data)
    {
        (DataLoader loader, _) = MnistSplit10k.Loaders(batchSize);
        IBatchSource source = data switch
        {
            "cached" => new CachedBatches(loader),
            "loader" => loader,
            _ => throw new ArgumentException($"Unknown data mode '{data}'; use cached or loader."),
        };
        using ImageClassifier model = Zoo.Create("lenet5", new ModelOptions { NumClasses = 10, InputSize = 32, Seed = 0 });
        Dictionary<string, Tensor> initial = model.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone());
        Console.WriteLine($"overhead: LeNet-5, MNIST-10k train split ({source.BatchCount} batches of {batchSize}, {data}), SGD lr 0.01 momentum 0.9, " +
                          $"{repeats} ABBA rounds, torch threads {torch.get_num_threads()}, {Environment.ProcessorCount} cores");
        Reset(model, initial);
        HandLoop(model, source);   // warm-up both paths once
        Reset(model, initial);
        TrainerEpoch(model, source);

        var trainer = new List<(double Wall, double Cpu)>();
        var hand = new List<(double Wall, double Cpu)>();
        for (int r = 0; r < repeats; r++)
        {
            foreach (bool useTrainer in r % 2 == 0 ? new[] { true, false, false, true } : new[] { false, true, true, false })
            {
                Reset(model, initial);
                (useTrainer ? trainer : hand).Add(Measure(() => { if (useTrainer) TrainerEpoch(model, source); else HandLoop(model, source); }));
            }
            Console.WriteLine(FormattableString.Invariant(
                $"  round {r + 1}: Trainer.Fit {trainer[^1].Wall:F3} s (cpu {trainer[^1].Cpu:F3}), hand loop {hand[^1].Wall:F3} s (cpu {hand[^1].Cpu:F3})"));
        }
        double tw = Median(trainer.Select(t => t.Wall)), hw = Median(hand.Select(t => t.Wall));
        double tc = Median(trainer.Select(t => t.Cpu)), hc = Median(hand.Select(t => t.Cpu));
        bool ok = tw / hw <= 1.03;
        Console.WriteLine(FormattableString.Invariant(
            $"  median epoch: Trainer.Fit {tw:F3} s, hand loop {hw:F3} s -> wall ratio {tw / hw:F4}; cpu {tc:F3} s vs {hc:F3} s -> cpu ratio {tc / hc:F4} -> {(ok ? "PASS" : "FAIL")} (limit 1.03 on wall time)"));
        return ok ? 0 : 1;
    }

    private static void TrainerEpoch(ImageClassifier model, IBatchSource source) =>
        new Trainer(new TrainerOptions { Epochs = 1, LearningRate = 0.01, Momentum = 0.9, Device = "cpu" }).Fit(model, source);

    private static void HandLoop(ImageClassifier model, IBatchSource source)
    {
        torch.manual_seed(0);
        model.train();
        using optim.Optimizer sgd = optim.SGD(model.parameters(), 0.01, momentum: 0.9);
        foreach (Batch batch in source.GetBatches(0))
        {
            using (batch)
            using (torch.NewDisposeScope())
            {
                sgd.zero_grad();
                Tensor loss = nn.functional.cross_entropy(model.call(batch.Inputs), batch.Targets);
                loss.backward();
                sgd.step();
            }
        }
    }

    private static (double Wall, double Cpu) Measure(Action run)
    {
        using Process self = Process.GetCurrentProcess();
        TimeSpan cpu0 = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        run();
        double wall = clock.Elapsed.TotalSeconds;
        self.Refresh();
        return (wall, (self.TotalProcessorTime - cpu0).TotalSeconds);
    }

    private static void Reset(ImageClassifier model, Dictionary<string, Tensor> initial)
    {
        using var noGrad = torch.no_grad();
        foreach ((string name, Tensor t) in model.state_dict()) t.copy_(initial[name]);
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] v = values.Order().ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }
}
