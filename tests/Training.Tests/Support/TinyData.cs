using ModelZoo.Data;
using ModelZoo.Data.Datasets.Mnist;
using ModelZoo.Data.Datasets.Synthetic;
using ModelZoo.Data.Loading;
using ModelZoo.Data.Transforms;
using ModelZoo.Training.Callbacks;
using ModelZoo.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Training.Tests.Support;

/// <summary>Small loaders and helpers shared by the trainer tests.</summary>
internal static class TinyData
{
    /// <summary>Items [start, end) of 400 seeded synthetic 28×28 shapes, padded to LeNet-5's 32×32.</summary>
    public static DataLoader Shapes(int start, int end, int batchSize = 32, bool shuffle = true, long seed = 3,
        Func<Batch, Random, Batch>? batchTransform = null)
    {
        var data = new SyntheticShapesDataset(400, seed: 5);
        var transform = new Compose(new Pad(2), new ToTensor(), new Normalize(new[] { 0.5 }, new[] { 0.5 }));
        return new DataLoader(ClassificationSubset.Range(data, start, end), transform,
            new DataLoaderOptions { BatchSize = batchSize, Shuffle = shuffle, Seed = seed, BatchTransform = batchTransform });
    }

    /// <summary>Items [start, end) of MNIST t10k from ../shared, padded to 32×32 and normalised.</summary>
    public static DataLoader Mnist(int start, int end, int batchSize = 64, bool shuffle = true)
    {
        MnistDataset mnist = MnistDataset.Load(RepoPaths.SharedData("mnist"), MnistSplit.Test);
        var transform = new Compose(new Pad(2), new ToTensor(), Normalize.Mnist());
        return new DataLoader(ClassificationSubset.Range(mnist, start, end), transform,
            new DataLoaderOptions { BatchSize = batchSize, Shuffle = shuffle, Seed = 1 });
    }

    /// <summary>The largest absolute difference between two models' state dicts (0 = bit-identical values).</summary>
    public static double MaxAbsDifference(nn.Module a, nn.Module b) => MaxAbsDifference(a.state_dict(), b.state_dict());

    public static double MaxAbsDifference(IReadOnlyDictionary<string, Tensor> sa, IReadOnlyDictionary<string, Tensor> sb)
    {
        Assert.Equal(sa.Keys.Order(), sb.Keys.Order());
        double max = 0;
        foreach ((string name, Tensor t) in sa)
        {
            using Tensor diff = (t.to_type(ScalarType.Float64) - sb[name].to_type(ScalarType.Float64)).abs().max();
            max = Math.Max(max, diff.item<double>());
        }
        return max;
    }

    /// <summary>Copies of a model's state dict (detached).</summary>
    public static Dictionary<string, Tensor> Snapshot(nn.Module model) =>
        model.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone());
}

/// <summary>IProgress that records on the calling thread.</summary>
internal sealed class Sink<T>(Action<T> add) : IProgress<T>
{
    public void Report(T value) => add(value);
}

/// <summary>Runs an action on a trainer event, for tests.</summary>
internal sealed class OnEvent : ITrainerCallback
{
    public Action<TrainerContext>? FitStart { get; init; }
    public Action<TrainerContext, BatchOutput>? BatchEnd { get; init; }
    public Action<TrainerContext, bool>? AfterStep { get; init; }
    public Action<TrainerContext>? BeforeStep { get; init; }
    public Action<TrainerContext, EpochMetrics>? EpochEnd { get; init; }
    public int Order { get; init; } = 500;

    public void OnFitStart(TrainerContext context) => FitStart?.Invoke(context);
    public void OnBatchEnd(TrainerContext context, BatchOutput output) => BatchEnd?.Invoke(context, output);
    public void OnBeforeOptimizerStep(TrainerContext context) => BeforeStep?.Invoke(context);
    public void OnAfterOptimizerStep(TrainerContext context, bool applied) => AfterStep?.Invoke(context, applied);
    public void OnEpochEnd(TrainerContext context, EpochMetrics metrics) => EpochEnd?.Invoke(context, metrics);
}

/// <summary>A trainer context over a tiny optimizer, for driving callbacks by hand.</summary>
internal static class TestContext
{
    public static TrainerContext Create(IReadOnlyList<ITrainerCallback> callbacks, TrainerOptions? options = null, int batchesPerEpoch = 4)
    {
        var parameter = new TorchSharp.Modules.Parameter(torch.zeros(1));
        optim.Optimizer sgd = optim.SGD(new[] { parameter }, 0.1, momentum: 0.9);
        return new TrainerContext(Zoo.Create("lenet5", new ModelZoo.Models.ModelOptions()), sgd, options ?? new TrainerOptions(), CPU,
            new ModelZoo.Training.Precision.Fp32Precision(), callbacks, batchesPerEpoch);
    }
}
