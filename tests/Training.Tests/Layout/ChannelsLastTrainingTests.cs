using ModelZoo.Data;
using ModelZoo.Data.Datasets.Synthetic;
using ModelZoo.Data.Loading;
using ModelZoo.Data.Transforms;
using ModelZoo.Models;
using ModelZoo.Models.Layout;
using ModelZoo.Training.Callbacks;
using ModelZoo.Training.Checkpoints;
using ModelZoo.Training.Tests.Resume;
using Parameter = TorchSharp.Modules.Parameter;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace ModelZoo.Training.Tests.Layout;

/// <summary>Channels-last training (issue 11): the same losses and weights as NCHW training, weights and gradients
/// channels-last during the fit and NCHW after it, and checkpoints written mid-run that load into any model.</summary>
[Collection(nameof(GlobalRngCollection))]
public sealed class ChannelsLastTrainingTests(ITestOutputHelper output)
{
    private static readonly ModelOptions s_model = new() { InChannels = 1, NumClasses = SyntheticShapesDataset.ClassNames.Count, Seed = 3 };

    private static DataLoader Loader(int count) =>
        new(new SyntheticShapesDataset(count, seed: 2), new Compose(new Pad(2), new ToTensor(), new Normalize(new[] { 0.5 }, new[] { 0.5 })),
            new DataLoaderOptions { BatchSize = 32, Shuffle = true, Seed = 4 });

    private static TrainerOptions Options(MemoryFormat format, int epochs = 1, string? resume = null) => new()
    {
        Epochs = epochs, LearningRate = 0.02, Momentum = 0.9, Device = "cpu", Seed = 5, MemoryFormat = format, ResumeFrom = resume,
    };

    [Fact]
    public void Channels_last_training_gives_the_contiguous_runs_losses_and_weights()
    {
        DataLoader train = Loader(64), eval = Loader(32);
        using ImageClassifier dense = Zoo.Create("resnet18", s_model);
        TrainingResult a = new Trainer(Options(MemoryFormat.Contiguous)).Fit(dense, train, eval);

        using ImageClassifier nhwc = Zoo.Create("resnet18", s_model);
        var probe = new LayoutProbe();
        TrainingResult b = new Trainer(Options(MemoryFormat.ChannelsLast)).Add(probe).Fit(nhwc, train, eval);

        double weights = ResumeTests.MaxAbsDifference(dense, nhwc);
        output.WriteLine($"train loss {a.Last.TrainLoss:R} vs {b.Last.TrainLoss:R}; eval loss {a.Last.EvalLoss:R} vs {b.Last.EvalLoss:R}; max weight diff {weights:g3}");
        // Not bit-identical: libtorch's channels-last batch norm accumulates its statistics and gradients less precisely
        // (relative error ~1.6e-6 against float64, vs ~1e-7 for NCHW, measured), which this randomly initialised ResNet's
        // backward amplifies to ~6e-4 on conv1 after two steps. A layout bug (values read in the wrong order) would change
        // the very first loss and every weight by orders of magnitude more.
        Assert.True(Math.Abs(a.Last.TrainLoss - b.Last.TrainLoss) <= 1e-4, "train loss");
        Assert.True(Math.Abs(a.Last.EvalLoss!.Value - b.Last.EvalLoss!.Value) <= 5e-3, "eval loss");
        Assert.True(weights <= 2e-3, $"max weight diff {weights}");
        Assert.Equal(2, probe.Steps);
        Assert.True(probe.AllChannelsLast, "4-D weights and their gradients must be channels-last during the fit");
        Assert.All(nhwc.parameters(), p => Assert.True(p.is_contiguous()));   // NCHW again after the fit
        using ImageClassifier lenet = Zoo.Create("lenet5");
        Assert.Equal(MemoryFormat.Contiguous, ChannelsLast.Resolve(MemoryFormat.Auto, lenet));
        Assert.Equal(MemoryFormat.ChannelsLast, ChannelsLast.Resolve(MemoryFormat.Auto, nhwc));
    }

    [Fact]
    public void A_checkpoint_written_during_a_channels_last_run_loads_anywhere_and_resumes()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        string path = dir.File("nhwc.ckpt");
        DataLoader train = Loader(64);
        CheckpointCallback Saver(string file) => new(file, (epoch, _) => new CheckpointInfo { Model = "resnet18", Options = s_model, Epoch = epoch }, everyEpoch: true);

        using ImageClassifier model = Zoo.Create("resnet18", s_model);
        new Trainer(Options(MemoryFormat.ChannelsLast)).Add(Saver(path)).Fit(model, train);

        (ImageClassifier loaded, CheckpointInfo info) = Checkpoint.Load(path);
        using (loaded)
        {
            Assert.True(info.Training!.HasOptimizerState);
            Assert.All(loaded.parameters(), p => Assert.True(p.is_contiguous()));
            Assert.Equal(0.0, ResumeTests.MaxAbsDifference(model, loaded));
        }

        // Resuming into channels-last weights (and momentum) continues exactly like an uninterrupted channels-last run.
        using ImageClassifier straight = Zoo.Create("resnet18", s_model);
        TrainingResult whole = new Trainer(Options(MemoryFormat.ChannelsLast, epochs: 2)).Fit(straight, train);
        using ImageClassifier resumed = Zoo.Create("resnet18", s_model with { Seed = 77 });
        TrainingResult rest = new Trainer(Options(MemoryFormat.ChannelsLast, epochs: 2, resume: path)).Fit(resumed, train);
        double diff = ResumeTests.MaxAbsDifference(straight, resumed);
        output.WriteLine($"epoch-2 loss {whole.Last.TrainLoss:R} vs resumed {rest.Last.TrainLoss:R}; max weight diff {diff:g3}");
        Assert.Equal(whole.Last.TrainLoss, rest.Last.TrainLoss, 6);
        Assert.True(diff <= 1e-6, $"max weight diff {diff}");
    }

    /// <summary>Checks at every step that each 4-D weight with a spatial kernel and several input channels (for which NHWC and NCHW strides differ), and its gradient, is channels-last.</summary>
    private sealed class LayoutProbe : ITrainerCallback
    {
        public int Steps { get; private set; }
        public bool AllChannelsLast { get; private set; } = true;

        public void OnStepEnd(TrainerContext context, TrainingProgress progress)
        {
            Steps++;
            foreach (Parameter p in context.Model.parameters().Where(p => p.dim() == 4 && p.shape[1] > 1 && p.shape[2] > 1))
            {
                using Tensor? grad = p.grad;
                AllChannelsLast &= !p.is_contiguous() && ChannelsLast.IsChannelsLast(p) && grad is not null && ChannelsLast.IsChannelsLast(grad) && !grad.is_contiguous();
            }
        }
    }
}
