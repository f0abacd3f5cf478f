using ModelZoo.Models;
using ModelZoo.Training.Callbacks;
using ModelZoo.Training.Checkpoints;
using ModelZoo.Training.Schedulers;
using ModelZoo.Training.Tests.Support;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace ModelZoo.Training.Tests.Resume;

/// <summary>Exact resume with the stateful parts of a recipe active: a per-step schedule with warm-up and momentum
/// cycling, an EMA of the weights, early stopping and a best checkpoint.</summary>
[Collection(nameof(GlobalRngCollection))]
public sealed class RecipeResumeTests(ITestOutputHelper output)
{
    private static readonly ModelOptions s_model = new() { Seed = 1 };

    private static TrainerOptions Options(int epochs, string? resume = null) => new()
    {
        Epochs = epochs, LearningRate = 0.05, Optimizer = OptimizerKind.Nesterov, WeightDecay = 1e-4, Device = "cpu", Seed = 7,
        ResumeFrom = resume, GradientClipNorm = 5, LabelSmoothing = 0.1,
    };

    private static CheckpointInfo Info(int epoch, EpochMetrics? _) => new() { Model = "lenet5", Options = s_model, Epoch = epoch };

    private sealed record Parts(OneCycleSchedule Schedule, ExponentialMovingAverage Ema, EarlyStopping Stop, BestCheckpointCallback Best);

    private static (Trainer Trainer, Parts Parts) Build(int epochs, string best, string? resume = null, string? checkpoint = null)
    {
        var parts = new Parts(new OneCycleSchedule(warmupEpochs: 0.5), new ExponentialMovingAverage(0.9),
            new EarlyStopping("eval_loss", patience: 50), new BestCheckpointCallback(best, new MetricMonitor("eval_accuracy"), Info));
        var trainer = new Trainer(Options(epochs, resume)).Add(parts.Schedule).Add(parts.Ema).Add(parts.Stop).Add(parts.Best);
        if (checkpoint is not null) trainer.Add(new CheckpointCallback(checkpoint, Info, everyEpoch: true));
        return (trainer, parts);
    }

    [Fact]
    public void Four_epochs_straight_equal_two_then_resume_for_two_bit_for_bit_including_the_ema()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        var train = TinyData.Shapes(0, 192, batchSize: 32);
        var eval = TinyData.Shapes(192, 256, shuffle: false);

        using ImageClassifier straight = Zoo.Create("lenet5", s_model);
        (Trainer whole, Parts wholeParts) = Build(4, dir.File("best-a.ckpt"));
        TrainingResult a = whole.Fit(straight, train, eval);

        // The same 4-epoch run, interrupted after epoch 2 (the schedule's length is the run's, so it is 4 epochs long).
        string ckpt = dir.File("run.ckpt");
        using (ImageClassifier first = Zoo.Create("lenet5", s_model))
            Build(4, dir.File("best-b.ckpt"), checkpoint: ckpt).Trainer
                .Add(new OnEvent { Order = 300, EpochEnd = (c, m) => c.StopRequested = m.Epoch == 2 }).Fit(first, train, eval);
        Assert.Equal(2, Checkpoint.ReadInfo(ckpt).Epoch);
        TrainingState state = Checkpoint.ReadInfo(ckpt).Training!;
        Assert.Equal(12, state.GlobalStep);
        Assert.True(state.HasTensorState);
        Assert.Equal("ema", state.InferenceWeights);
        Assert.Contains("lr_scheduler", state.Callbacks!.Keys);
        Assert.Contains("early_stopping", state.Callbacks.Keys);

        using ImageClassifier resumed = Zoo.Create("lenet5", s_model with { Seed = 42 });   // everything must come from the checkpoint
        (Trainer rest, Parts restParts) = Build(4, dir.File("best-b.ckpt"), resume: ckpt);
        TrainingResult b = rest.Fit(resumed, train, eval);

        Assert.Equal(0.0, TinyData.MaxAbsDifference(straight, resumed));
        Assert.Equal(a.Epochs.Select(e => (e.TrainLoss, e.TrainAccuracy, e.EvalLoss, e.EvalAccuracy, e.LearningRate)),
            b.Epochs.Select(e => (e.TrainLoss, e.TrainAccuracy, e.EvalLoss, e.EvalAccuracy, e.LearningRate)));
        Assert.Equal(a.Last.Metrics!["eval_macro_f1"], b.Last.Metrics!["eval_macro_f1"]);
        using (ImageClassifier emaA = Zoo.Create("lenet5", s_model), emaB = Zoo.Create("lenet5", s_model))
        {
            wholeParts.Ema.CopyTo(emaA);
            restParts.Ema.CopyTo(emaB);
            Assert.Equal(0.0, TinyData.MaxAbsDifference(emaA, emaB));
            Assert.True(TinyData.MaxAbsDifference(emaA, straight) > 1e-4, "the EMA should differ from the raw weights");
        }
        Assert.Equal(wholeParts.Ema.Updates, restParts.Ema.Updates);
        Assert.Equal(wholeParts.Stop.Best, restParts.Stop.Best);
        Assert.Equal(wholeParts.Stop.Wait, restParts.Stop.Wait);
        Assert.Equal(wholeParts.Best.BestEpoch, restParts.Best.BestEpoch);
        output.WriteLine($"eval accuracy by epoch: {string.Join(", ", a.Epochs.Select(e => e.EvalAccuracy))}; best epoch {wholeParts.Best.BestEpoch}");
    }

    [Fact]
    public void A_training_checkpoint_loads_the_ema_weights_and_an_interrupted_write_keeps_the_previous_one()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        string ckpt = dir.File("run.ckpt");
        using ImageClassifier model = Zoo.Create("lenet5", s_model);
        var ema = new ExponentialMovingAverage(0.8);
        EvaluationResult? measured = null;
        var eval = TinyData.Shapes(192, 256, shuffle: false);
        new Trainer(Options(1)).Add(ema).Add(new CheckpointCallback(ckpt, Info, everyEpoch: true))
            .Add(new OnEvent { EpochEnd = (c, _) => measured = c.LastEvaluation }).Fit(model, TinyData.Shapes(0, 96), eval);

        (ImageClassifier loaded, CheckpointInfo info) = Checkpoint.Load(ckpt);
        using (loaded)
        using (ImageClassifier expected = Zoo.Create("lenet5", s_model))
        {
            ema.CopyTo(expected);
            Assert.Equal(0.0, TinyData.MaxAbsDifference(expected, loaded));   // the averaged weights, not the raw ones
            Assert.True(TinyData.MaxAbsDifference(model, loaded) > 1e-5);
            Assert.Equal(measured!.Accuracy, Evaluator.Evaluate(loaded, eval).Accuracy);   // evaluation measured the EMA
            Assert.Equal(measured.Loss, Evaluator.Evaluate(loaded, eval).Loss, 10);
        }
        // The model library's reader (behind ModelResolver: `evaluate`, `predict`) sees the same averaged weights, and
        // restoring for training puts the raw weights back.
        (ImageClassifier library, _) = ModelZoo.Models.Weights.ModelZooFormat.ModelZooCheckpoint.Load(ckpt);
        using (library)
        using (ImageClassifier expected = Zoo.Create("lenet5", s_model))
        {
            ema.CopyTo(expected);
            Assert.Equal(0.0, TinyData.MaxAbsDifference(expected, library));
        }
        using (ImageClassifier raw = Zoo.Create("lenet5", s_model with { Seed = 9 }))
        {
            Checkpoint.Restore(ckpt, raw);
            Assert.Equal(0.0, TinyData.MaxAbsDifference(model, raw));
        }

        byte[] good = File.ReadAllBytes(ckpt);
        using optim.Optimizer sgd = optim.SGD(model.parameters(), 0.1, momentum: 0.9);
        Assert.Throws<IOException>(() => Checkpoint.Save(model, info, ckpt, sgd, ema.SaveTensors(), () => throw new IOException("killed")));
        Assert.Equal(good, File.ReadAllBytes(ckpt));
        Assert.Single(Directory.GetFiles(dir.Path));   // no temp file left behind
        using ImageClassifier again = Zoo.Create("lenet5", s_model);
        Assert.Equal(1, Checkpoint.Restore(ckpt, again, optim.SGD(again.parameters(), 0.1, momentum: 0.9)).Epoch);
    }
}
