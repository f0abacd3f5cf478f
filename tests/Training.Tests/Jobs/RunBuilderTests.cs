using ModelZoo.Data;
using ModelZoo.Data.Datasets.Synthetic;
using ModelZoo.Data.Loading;
using ModelZoo.Data.Transforms;
using ModelZoo.Models;
using ModelZoo.Training.Checkpoints;
using ModelZoo.Training.Jobs;

namespace ModelZoo.Training.Tests.Jobs;

/// <summary>The one place that assembles a run for `train` and `finetune`: options, paths, callbacks, resume checks.</summary>
[Collection(nameof(GlobalRngCollection))]
public sealed class RunBuilderTests
{
    [Fact]
    public void Both_jobs_share_the_run_options_with_their_own_defaults_and_with_keeps_the_job_type()
    {
        var train = new TrainJobOptions();
        var finetune = new FinetuneJobOptions { Model = "lenet5", Weights = "w.pth" };
        Assert.Equal(("synthetic", 5, 64), (train.Dataset, train.Epochs, train.BatchSize));
        Assert.Equal(("imagefolder", 3, 32), (finetune.Dataset, finetune.Epochs, finetune.BatchSize));
        RunOptions run = finetune;
        RunOptions changed = run with { Precision = "bf16-mixed", Epochs = 7 };
        FinetuneJobOptions back = Assert.IsType<FinetuneJobOptions>(changed);
        Assert.Equal(("w.pth", "bf16-mixed", 7), (back.Weights, back.Precision, back.Epochs));
        Assert.Throws<ArgumentOutOfRangeException>(() => RunBuilder.Create(train with { BatchSize = 0 }, "lenet5"));
        Assert.Contains("fp8", Assert.Throws<ArgumentException>(() => RunBuilder.Create(train with { Precision = "fp8" }, "lenet5")).Message);
    }

    [Fact]
    public void Paths_never_replace_an_earlier_run_and_put_the_logs_beside_the_checkpoint_unless_told()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        RunBuilder run = RunBuilder.Create(new TrainJobOptions { OutputDirectory = dir.Path }, "lenet5");
        RunPaths first = run.Paths("lenet5-mnist");
        Assert.Equal(dir.File("lenet5-mnist.ckpt"), first.Checkpoint);
        Assert.Equal(Path.Combine(dir.Path, "lenet5-mnist", "metrics.csv"), first.MetricsCsv);
        Assert.Equal(Path.Combine(dir.Path, "lenet5-mnist", "curves.png"), first.Plot);
        File.WriteAllText(first.Checkpoint, "");
        Assert.Equal(dir.File("lenet5-mnist-2.ckpt"), run.Paths("lenet5-mnist").Checkpoint);
        RunPaths logs = RunBuilder.Create(new TrainJobOptions { OutputDirectory = dir.Path, LogDirectory = dir.File("logs") }, "lenet5").Paths("x");
        Assert.Equal(Path.Combine(dir.Path, "logs", "metrics.jsonl"), logs.MetricsJsonLines);
    }

    [Fact]
    public async Task The_trainer_saves_a_resumable_checkpoint_every_epoch_with_logs_curves_and_the_recipe()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        var recipe = new FinetuneRecipe { Weights = "DEFAULT", Freeze = "none", Classes = new[] { "3", "1" } };
        RunBuilder run = RunBuilder.Create(new TrainJobOptions { OutputDirectory = dir.Path, Epochs = 2, BatchSize = 32, Device = "cpu", Seed = 4 },
            "lenet5", recipe);
        RunPaths paths = run.Paths("run");
        var data = new SyntheticShapesDataset(96, seed: 2);
        var transform = new Compose(new Pad(2), new ToTensor(), new Normalize(new[] { 0.5 }, new[] { 0.5 }));
        var train = new DataLoader(ClassificationSubset.Range(data, 0, 64), transform, run.TrainLoading(data.Classes.Count));
        var eval = new DataLoader(ClassificationSubset.Range(data, 64, 96), transform, run.EvalLoading(256));
        Assert.Equal((32, true, 4L, 256), (run.TrainLoading(2).BatchSize, run.TrainLoading(2).Shuffle, run.TrainLoading(2).Seed, run.EvalLoading(256).BatchSize));
        var options = new ModelOptions { NumClasses = data.Classes.Count, Seed = 4 };
        using ImageClassifier model = Zoo.Create("lenet5", options);
        int? savedBeforeEpoch2 = null;
        var steps = new Probe<TrainingProgress>(p =>
        {
            if (p.Epoch == 2 && p.Step == 1) savedBeforeEpoch2 = Checkpoint.ReadInfo(paths.Checkpoint).Epoch;
        });
        TrainingResult result = await run.FitAsync(model, train, eval, paths, new CheckpointInfo { Model = "lenet5", Options = options, Dataset = "synthetic" },
            steps: steps);

        Assert.Equal(1, savedBeforeEpoch2);   // written when epoch 1 ended, not only at the end
        CheckpointInfo info = Checkpoint.ReadInfo(paths.Checkpoint);
        Assert.Equal(2, info.Epoch);
        Assert.True(info.Training!.HasOptimizerState);
        Assert.Equal(result.Last.TrainLoss, info.Metrics!["train_loss"]);
        Assert.Equal(new[] { "3", "1" }, info.Finetune!.Classes);
        Assert.Equal(3, File.ReadAllLines(paths.MetricsCsv).Length);
        Assert.Equal(2, File.ReadAllLines(paths.MetricsJsonLines).Length);
        Assert.True(new FileInfo(paths.Plot).Length > 0);

        // A resume must be the same kind of run with the same recipe.
        var resume = new TrainJobOptions { Resume = paths.Checkpoint, Epochs = 3 };
        Assert.Contains("written by a fine-tune", Assert.Throws<InvalidOperationException>(() => RunBuilder.Create(resume, "lenet5")).Message);
        Assert.Contains("--classes '3,1'", Assert.Throws<InvalidOperationException>(() =>
            RunBuilder.Create(resume, "lenet5", recipe with { Classes = new[] { "1", "3" } })).Message);
        Assert.Contains("already trained 2 epoch(s)", Assert.Throws<InvalidOperationException>(() =>
            RunBuilder.Create(resume with { Epochs = 2 }, "lenet5", recipe)).Message);
        RunBuilder resumed = RunBuilder.Create(resume with { Seed = 99 }, "lenet5", recipe with { Classes = new[] { "3", "1" } });
        Assert.Equal(4, resumed.Options.Seed);   // the checkpoint's seed
        Assert.Equal(paths, resumed.Paths("ignored"));   // continues in place
        Assert.Equal(paths.Checkpoint, resumed.TrainerOptions().ResumeFrom);
    }

    private sealed class Probe<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
