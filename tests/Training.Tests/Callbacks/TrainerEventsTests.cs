using ModelZoo.Data.Loading;
using ModelZoo.Data.Transforms.Batching;
using ModelZoo.Models;
using ModelZoo.Training.Callbacks;
using ModelZoo.Training.Checkpoints;
using ModelZoo.Training.Losses;
using ModelZoo.Training.Metrics;
using ModelZoo.Training.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Training.Tests.Callbacks;

/// <summary>The loop's extension points: accumulation, clipping, the non-finite-loss guard, any batch source, soft
/// targets, EMA and the optimizers, each checked against an independent computation.</summary>
[Collection(nameof(GlobalRngCollection))]
public sealed class TrainerEventsTests
{
    private static readonly ModelOptions s_model = new() { Seed = 1 };

    [Fact]
    public void Accumulating_two_batches_of_16_equals_one_batch_of_32_and_the_last_odd_batch_still_steps()
    {
        var options = new TrainerOptions { Epochs = 2, LearningRate = 0.1, Momentum = 0, Device = "cpu", Seed = 2 };
        using ImageClassifier big = Zoo.Create("lenet5", s_model), small = Zoo.Create("lenet5", s_model);
        long bigSteps = 0, smallSteps = 0;
        new Trainer(options).Add(new OnEvent { AfterStep = (c, _) => bigSteps = c.GlobalStep }).Fit(big, TinyData.Shapes(0, 128, batchSize: 32));
        new Trainer(options with { AccumulateGradBatches = 2 }).Add(new OnEvent { AfterStep = (c, _) => smallSteps = c.GlobalStep })
            .Fit(small, TinyData.Shapes(0, 128, batchSize: 16));
        Assert.Equal(8, bigSteps);
        Assert.Equal(8, smallSteps);
        double diff = TinyData.MaxAbsDifference(big, small);
        Assert.True(diff < 2e-6, $"accumulated gradients should equal the big batch's (max weight difference {diff})");

        long steps = 0;
        using ImageClassifier odd = Zoo.Create("lenet5", s_model);
        new Trainer(options with { Epochs = 1, AccumulateGradBatches = 2 }).Add(new OnEvent { AfterStep = (c, _) => steps = c.GlobalStep })
            .Fit(odd, TinyData.Shapes(0, 80, batchSize: 16));   // 5 batches: steps after batches 2, 4 and 5
        Assert.Equal(3, steps);
    }

    [Fact]
    public void Clipping_by_norm_equals_torchs_clip_grad_norm_and_runs_before_every_step()
    {
        Tensor wa = torch.randn(5, 3) * 3, wb = torch.randn(7) * 3;
        TorchSharp.Modules.Parameter[] Make()
        {
            var pa = new TorchSharp.Modules.Parameter(torch.zeros(5, 3));
            var pb = new TorchSharp.Modules.Parameter(torch.zeros(7));
            ((pa * wa).sum() + (pb * wb).sum()).backward();   // gradients wa and wb
            return new[] { pa, pb };
        }
        TorchSharp.Modules.Parameter[] ours = Make(), theirs = Make();
        var (a, b, c, d) = (ours[0], ours[1], theirs[0], theirs[1]);
        GradientClipping.Clip(new[] { a, b }, 1.5, GradientClipMode.Norm);
        nn.utils.clip_grad_norm_(new[] { c, d }, 1.5);
        Assert.True((a.grad! - c.grad!).abs().max().item<float>() < 1e-6);
        Assert.True((b.grad! - d.grad!).abs().max().item<float>() < 1e-6);
        GradientClipping.Clip(new[] { a, b }, 0.05, GradientClipMode.Value);
        Assert.True(a.grad!.abs().max().item<float>() <= 0.05f);

        var norms = new List<double>();
        using ImageClassifier model = Zoo.Create("lenet5", s_model);
        new Trainer(new TrainerOptions { Epochs = 1, LearningRate = 0.05, Device = "cpu", GradientClipNorm = 0.25 })
            .Add(new OnEvent { BeforeStep = ctx => norms.Add(TotalNorm(ctx.Model)) }).Fit(model, TinyData.Shapes(0, 96));
        Assert.Equal(3, norms.Count);
        Assert.All(norms, n => Assert.True(n <= 0.25 * (1 + 1e-5), $"gradient norm {n} after clipping to 0.25"));
    }

    private static double TotalNorm(ImageClassifier model) =>
        Math.Sqrt(model.parameters().Where(p => p.grad is not null).Sum(p => Math.Pow(p.grad!.norm().item<float>(), 2)));

    [Fact]
    public void A_nan_loss_stops_the_run_naming_the_step_before_that_epochs_checkpoint()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        string ckpt = dir.File("run.ckpt");
        using ImageClassifier model = Zoo.Create("lenet5", s_model);
        var trainer = new Trainer(new TrainerOptions { Epochs = 3, Device = "cpu", Loss = new NanAt(6) })
            .Add(new CheckpointCallback(ckpt, (e, _) => new CheckpointInfo { Model = "lenet5", Options = s_model, Epoch = e }, everyEpoch: true));
        var error = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(model, TinyData.Shapes(0, 128)));   // 4 batches an epoch
        Assert.Contains("at step 6 (epoch 2, batch 2 of 4)", error.Message);
        Assert.Equal((2, 2, 6L), (error.Epoch, error.Batch, error.GlobalBatch));
        Assert.Equal(1, Checkpoint.ReadInfo(ckpt).Epoch);   // the diverged epoch was not saved

        using ImageClassifier tolerant = Zoo.Create("lenet5", s_model);
        TrainingResult result = new Trainer(new TrainerOptions { Epochs = 2, Device = "cpu", Loss = new NanAt(6), StopOnNonFiniteLoss = false })
            .Fit(tolerant, TinyData.Shapes(0, 128));
        Assert.True(double.IsNaN(result.Last.TrainLoss));
    }

    private sealed class NanAt(int call) : ILossFunction
    {
        private int _calls;

        public Tensor Compute(Tensor logits, Tensor targets)
        {
            Tensor loss = nn.functional.cross_entropy(logits, targets);
            return ++_calls == call ? loss * double.NaN : loss;
        }
    }

    [Fact]
    public void Fit_takes_any_batch_source_and_cached_batches_train_exactly_like_the_loader()
    {
        DataLoader loader = TinyData.Shapes(0, 96, shuffle: false);
        var cached = new CachedBatches(loader.GetBatches(0).ToList());
        var options = new TrainerOptions { Epochs = 2, Device = "cpu", Seed = 3 };
        using ImageClassifier a = Zoo.Create("lenet5", s_model), b = Zoo.Create("lenet5", s_model);
        TrainingResult viaLoader = new Trainer(options).Fit(a, loader, loader);
        TrainingResult viaCache = new Trainer(options).Fit(b, cached, cached);
        Assert.Equal(0.0, TinyData.MaxAbsDifference(a, b));
        Assert.Equal(viaLoader.Last.TrainLoss, viaCache.Last.TrainLoss);
        Assert.Equal(viaLoader.Last.EvalAccuracy, viaCache.Last.EvalAccuracy);
        Assert.Equal(viaLoader.Last.Metrics!["eval_top5_accuracy"], viaCache.Last.Metrics!["eval_top5_accuracy"]);
    }

    private sealed class CachedBatches(List<Batch> batches) : IBatchSource
    {
        public int BatchCount => batches.Count;

        public IEnumerable<Batch> GetBatches(int epoch, CancellationToken cancellationToken = default) =>
            batches.Select(b => new Batch(b.Inputs.clone(), b.Targets.clone(), b.Indices));
    }

    [Fact]
    public void With_mixup_the_training_loss_and_accuracy_come_from_the_soft_targets()
    {
        DataLoader train = TinyData.Shapes(0, 96, batchTransform: BatchHooks.From(new MixUp(10, alpha: 0.4)));
        double correct = 0, lossSum = 0;
        int seen = 0;
        var loss = new CrossEntropyLoss();
        using ImageClassifier model = Zoo.Create("lenet5", s_model);
        TrainingResult result = new Trainer(new TrainerOptions { Epochs = 1, Device = "cpu" }).Add(new OnEvent
        {
            BatchEnd = (_, o) =>
            {
                Assert.Equal(new long[] { o.BatchSize, 10 }, o.Targets.shape);   // soft targets reached the loop
                float[] logits = o.Logits.detach().data<float>().ToArray(), targets = o.Targets.data<float>().ToArray();
                for (int i = 0; i < o.BatchSize; i++)
                {
                    int predicted = Enumerable.Range(0, 10).MaxBy(c => logits[i * 10 + c]);
                    correct += targets[i * 10 + predicted];
                }
                using Tensor l = loss.Compute(o.Logits.detach(), o.Targets);
                lossSum += l.item<float>() * o.BatchSize;
                seen += o.BatchSize;
            },
        }).Fit(model, train);
        Assert.Equal(96, seen);
        Assert.Equal(correct / seen, result.Last.TrainAccuracy, 5);
        Assert.Equal(lossSum / seen, result.Last.TrainLoss, 4);
        Assert.NotEqual(Math.Round(result.Last.TrainAccuracy * seen), result.Last.TrainAccuracy * seen);   // fractional: really soft
    }

    [Fact]
    public void The_ema_follows_the_hand_computed_average_of_the_weights_after_every_step()
    {
        using ImageClassifier model = Zoo.Create("lenet5", s_model);
        Dictionary<string, Tensor> average = TinyData.Snapshot(model);
        var ema = new ExponentialMovingAverage(0.6, warmup: false);
        new Trainer(new TrainerOptions { Epochs = 1, Device = "cpu" }).Add(ema).Add(new OnEvent
        {
            AfterStep = (c, _) =>
            {
                foreach ((string name, Tensor live) in c.Model.state_dict()) average[name] = (average[name] * 0.6 + live.detach() * 0.4).DetachFromDisposeScope();   // the step's scope would dispose it
            },
        }).Fit(model, TinyData.Shapes(0, 96));
        Assert.Equal(3, ema.Updates);
        foreach ((string name, Tensor value) in ema.SaveTensors())
            Assert.True((value - average[name]).abs().max().item<float>() < 1e-6, name);
        Assert.Equal(0.999, new ExponentialMovingAverage().Decay);
        Assert.Equal(2.0 / 11, new ExponentialMovingAverage().CurrentDecay, 12);   // timm/TF warm-up: (1 + n) / (10 + n)
    }

    [Theory]
    [InlineData(OptimizerKind.Nesterov)]
    [InlineData(OptimizerKind.RmsProp)]
    public void Nesterov_sgd_and_rmsprop_train(OptimizerKind kind)
    {
        using ImageClassifier model = Zoo.Create("lenet5", s_model);
        var trainer = new Trainer(new TrainerOptions { Epochs = 3, Device = "cpu", Optimizer = kind, LearningRate = kind == OptimizerKind.RmsProp ? 1e-3 : 0.02 });
        bool? nesterov = null;
        trainer.Add(new OnEvent { FitStart = c => nesterov = (c.Optimizer.ParamGroups.First() as TorchSharp.Modules.SGD.ParamGroup)?.Options.nesterov });
        TrainingResult result = trainer.Fit(model, TinyData.Shapes(0, 256));
        Assert.True(result.Last.TrainLoss < result.Epochs[0].TrainLoss, $"{kind}: loss should fall ({result.Epochs[0].TrainLoss} → {result.Last.TrainLoss})");
        Assert.Equal(kind == OptimizerKind.Nesterov ? true : null, nesterov);
    }
}
