using System.Diagnostics;
using System.Text.Json.Nodes;
using ModelZoo.Data;
using ModelZoo.Data.Catalog;
using ModelZoo.Data.Loading;
using ModelZoo.Data.Transforms;
using ModelZoo.Models;
using ModelZoo.Training;
using TorchSharp;

namespace ModelZoo.Bench.Models;

/// <summary>
/// One MNIST-10k training epoch of LeNet-5 with data loading included, ours against bench/pytorch/lenet_epoch.py doing
/// the same: the gzip IDX files of t10k from the data directory, items 0–7,999, per-sample Pad(2) + ToTensor +
/// Normalize, batches of 64 shuffled on the training thread, SGD lr 0.01 momentum 0.9. Ours goes through the public API
/// a user would call (<see cref="DatasetCatalog"/>, <see cref="DataLoader"/>, <see cref="Trainer"/>); the clock starts
/// before the files are opened and stops when the epoch ends. Each side runs in its own fresh state every round.
/// </summary>
internal static class LeNetEpoch
{
    public const int Images = 8000, Batch = 64;

    public static double Ours(string dataDir, int threads)
    {
        torch.set_num_threads(threads);
        using ImageClassifier model = Zoo.Create("lenet5", new ModelOptions { Seed = 0 });
        var clock = Stopwatch.StartNew();
        (IClassificationDataset data, DatasetSpec spec) = DatasetCatalog.Open("mnist", dataDir);
        var transform = new Compose(new Pad(2), new ToTensor(), new Normalize(spec.Mean, spec.Std));
        var loader = new DataLoader(ClassificationSubset.Range(data, 0, Images), transform,
            new DataLoaderOptions { BatchSize = Batch, Shuffle = true, Seed = 0 });
        TrainingResult result = new Trainer(new TrainerOptions { Epochs = 1, LearningRate = 0.01, Momentum = 0.9, Device = "cpu" })
            .Fit(model, loader);
        double seconds = clock.Elapsed.TotalSeconds;
        if (result.Last.Samples != Images) throw new InvalidOperationException($"The epoch saw {result.Last.Samples} images, not {Images}.");
        return seconds;
    }

    /// <summary>Runs lenet_epoch.py once and returns its own epoch time (Python's start-up and imports are outside it).</summary>
    public static (double Seconds, string? Error) PyTorch(string python, string dataDir, int threads, string pipeline, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach ((string name, string value) in environment) info.Environment[name] = value;
        foreach (string a in new[] { PyTorchWorker.Script("lenet_epoch.py"), "--data-dir", dataDir, "--threads", threads.ToString(), "--pipeline", pipeline })
            info.ArgumentList.Add(a);
        using Process process = Process.Start(info) ?? throw new InvalidOperationException($"Cannot start {python}.");
        string stdout = process.StandardOutput.ReadToEnd(), stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) return (double.NaN, $"lenet_epoch.py exit {process.ExitCode}: {stderr.Trim().Split('\n').LastOrDefault()}");
        JsonNode reply = JsonNode.Parse(stdout.Trim().Split('\n').Last())!;
        return (reply["seconds"]!.GetValue<double>(), null);
    }
}
