using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelZoo.Data;
using ModelZoo.Data.Datasets.Synthetic;
using ModelZoo.Data.Loading;
using ModelZoo.Data.Transforms;
using ModelZoo.Models;
using ModelZoo.Training.Callbacks;
using ModelZoo.Training.Checkpoints;
using ModelZoo.Training.Precision;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace ModelZoo.Training.Tests.Resume;

[Collection(nameof(GlobalRngCollection))]
public sealed class ResumeTests(ITestOutputHelper output)
{
    private static readonly ModelOptions s_model = new() { Seed = 1 };

    internal static DataLoader Loader(int start, int end, bool shuffle)
    {
        var data = new SyntheticShapesDataset(400, seed: 5);
        var transform = new Compose(new Pad(2), new ToTensor(), new Normalize(new[] { 0.5 }, new[] { 0.5 }));
        return new DataLoader(ClassificationSubset.Range(data, start, end), transform,
            new DataLoaderOptions { BatchSize = 32, Shuffle = shuffle, Seed = 3 });
    }

    private static TrainerOptions Options(int epochs, string? resume = null) => new()
    {
        Epochs = epochs, LearningRate = 0.02, Momentum = 0.9, Device = "cpu", Seed = 7, ResumeFrom = resume,
    };

    private static CheckpointCallback Saver(string path) =>
        new(path, (epoch, _) => new CheckpointInfo { Model = "lenet5", Options = s_model, Epoch = epoch });

    [Fact]
    public void Two_epochs_in_one_go_equal_one_epoch_then_resume_bit_for_bit_and_the_optimizer_state_matters()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        DataLoader train = Loader(0, 256, true), eval = Loader(256, 320, false);

        using ImageClassifier straight = Zoo.Create("lenet5", s_model);
        var straightSteps = new StepCounter();
        TrainingResult whole = new Trainer(Options(2)).Add(straightSteps).Fit(straight, train, eval);

        string ckpt = dir.File("run.ckpt");
        using (ImageClassifier first = Zoo.Create("lenet5", s_model))
            new Trainer(Options(1)).Add(new StepCounter()).Add(Saver(ckpt)).Fit(first, train, eval);
        CheckpointInfo saved = Checkpoint.ReadInfo(ckpt);
        Assert.Equal(1, saved.Epoch);
        Assert.True(saved.Training!.HasOptimizerState);
        Assert.Equal("SGD", saved.Training.Optimizer);
        Assert.Equal(8, saved.Training.Callbacks!["steps"]!.GetValue<int>());

        // A differently initialised model: everything that matters must come from the checkpoint.
        using ImageClassifier resumed = Zoo.Create("lenet5", s_model with { Seed = 99 });
        var resumedSteps = new StepCounter();
        TrainingResult rest = new Trainer(Options(2, ckpt)).Add(resumedSteps).Fit(resumed, train, eval);

        Assert.Equal(2, rest.Epochs.Count);
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(whole.Epochs[i].Epoch, rest.Epochs[i].Epoch);
            Assert.Equal(whole.Epochs[i].TrainLoss, rest.Epochs[i].TrainLoss);
            Assert.Equal(whole.Epochs[i].TrainAccuracy, rest.Epochs[i].TrainAccuracy);
            Assert.Equal(whole.Epochs[i].EvalLoss, rest.Epochs[i].EvalLoss);
            Assert.Equal(whole.Epochs[i].EvalAccuracy, rest.Epochs[i].EvalAccuracy);
        }
        Assert.Equal(0.0, MaxAbsDifference(straight, resumed));
        Assert.Equal(16, straightSteps.Steps);
        Assert.Equal(16, resumedSteps.Steps);   // 8 restored from the checkpoint + 8 trained

        using ImageClassifier fresh = Zoo.Create("lenet5", s_model);
        TrainingResult noMomentum = new Trainer(Options(2, ckpt)) { RestoreOptimizerState = false }.Fit(fresh, train, eval);
        double diff = MaxAbsDifference(straight, fresh);
        output.WriteLine($"losses {whole.Epochs[0].TrainLoss:R} {whole.Epochs[1].TrainLoss:R}; without optimizer state: {noMomentum.Epochs[1].TrainLoss:R}, max weight diff {diff:G4}");
        Assert.True(diff > 1e-4, $"resuming without the momentum buffers should change the weights (max diff {diff})");
        Assert.NotEqual(whole.Epochs[1].TrainLoss, noMomentum.Epochs[1].TrainLoss);
    }

    [Fact]
    public void Checkpoints_without_optimizer_state_load_but_cannot_resume()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        using ImageClassifier model = Zoo.Create("lenet5", s_model);
        string legacy = dir.File("legacy.ckpt");
        WriteLegacyCheckpoint(model, legacy);

        (ImageClassifier loaded, CheckpointInfo info) = Checkpoint.Load(legacy);
        using (loaded) Assert.Equal(0.0, MaxAbsDifference(model, loaded));
        Assert.Null(info.Training);
        using ImageClassifier target = Zoo.Create("lenet5", s_model with { Seed = 4 });
        var error = Assert.Throws<InvalidDataException>(() => new Trainer(Options(2, legacy)).Fit(target, Loader(0, 64, true)));
        Assert.Contains("weights only", error.Message);

        string noOptimizer = dir.File("no-optimizer.ckpt");
        Checkpoint.Save(model, info with { Training = new TrainingState { Seed = 7 } }, noOptimizer);
        using optim.Optimizer sgd = optim.SGD(target.parameters(), 0.1, momentum: 0.9);
        Assert.Contains("no optimizer state", Assert.Throws<InvalidDataException>(() => Checkpoint.Restore(noOptimizer, target, sgd)).Message);

        string adamPath = dir.File("adam.ckpt");
        using optim.Optimizer adam = optim.Adam(model.parameters(), 0.1);
        Checkpoint.Save(model, info with { Training = new TrainingState() }, adamPath, adam);
        Assert.Contains("Adam", Assert.Throws<InvalidDataException>(() => Checkpoint.Restore(adamPath, target, sgd)).Message);
        (ImageClassifier withOptimizer, _) = Checkpoint.Load(adamPath);   // the plain reader stops after the weights
        using (withOptimizer) Assert.Equal(0.0, MaxAbsDifference(model, withOptimizer));
    }

    [Fact]
    public void The_fp16_loss_scale_travels_in_the_checkpoint()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        var scaler = new DynamicLossScalerOptions { InitScale = 1024, GrowthInterval = 1 };   // doubles after every finite step
        DataLoader train = Loader(0, 64, true);   // 2 steps an epoch (fp16 kernels are slow on the CPU)
        string ckpt = dir.File("fp16.ckpt");
        var first = new Fp16MixedPrecision(scaler);
        try
        {
            using ImageClassifier model = Zoo.Create("lenet5", s_model);
            new Trainer(Options(1), first).Add(Saver(ckpt)).Fit(model, train);
        }
        catch (NotSupportedException ex)
        {
            output.WriteLine(ex.Message);   // this libtorch has no fp16 CPU kernels: nothing to resume
            return;
        }
        TrainingState saved = Checkpoint.ReadInfo(ckpt).Training!;
        Assert.Equal("fp16-mixed", saved.Precision);
        LossScalerState scale = saved.PrecisionState.Deserialize<LossScalerState>()!;
        Assert.Equal(first.Scaler.State, scale);
        Assert.Equal(1024.0 * Math.Pow(2, 2 - 2 * first.SkippedSteps), scale.Scale);   // ×2 per finite step, ÷2 per skip

        var second = new Fp16MixedPrecision(scaler);
        double? atStart = null;
        using ImageClassifier resumed = Zoo.Create("lenet5", s_model);
        new Trainer(Options(2, ckpt), second).Add(new OnStart(() => atStart = second.Scaler.Scale)).Fit(resumed, train);
        Assert.Equal(scale.Scale, atStart);
        output.WriteLine($"fp16 loss scale after epoch 1: {scale.Scale}, restored at resume: {atStart}, after epoch 2: {second.Scaler.Scale}");
    }

    /// <summary>The layout written before optimizer sections existed: magic, header without Training/Dataset, weights.</summary>
    private static void WriteLegacyCheckpoint(ImageClassifier model, string path)
    {
        using var stream = File.Create(path);
        using var writer = new BinaryWriter(stream);
        byte[] header = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            Model = "lenet5", Options = s_model, Epoch = 3, CreatedUtc = DateTimeOffset.UnixEpoch,
        }));
        writer.Write(Encoding.ASCII.GetBytes("MZCKPT01"));
        writer.Write(header.Length);
        writer.Write(header);
        model.save(writer);
    }

    internal static double MaxAbsDifference(ImageClassifier a, ImageClassifier b)
    {
        double max = 0;
        foreach (((string name, Tensor x), (string other, Tensor y)) in a.state_dict().Zip(b.state_dict()))
        {
            Assert.Equal(name, other);
            using Tensor d = (x.to_type(ScalarType.Float64) - y.to_type(ScalarType.Float64)).abs().max();
            max = Math.Max(max, d.item<double>());
        }
        return max;
    }

    private sealed class OnStart(Action action) : ITrainerCallback
    {
        public void OnFitStart(TrainerContext context) => action();
    }

    private sealed class StepCounter : IStatefulCallback
    {
        public int Steps { get; private set; }
        public string StateKey => "steps";
        public void OnStepEnd(TrainerContext context, TrainingProgress progress) => Steps++;
        public JsonNode? SaveState() => JsonValue.Create(Steps);
        public void LoadState(JsonNode? state) => Steps = state!.GetValue<int>();
    }
}
