using ModelZoo.Data;
using ModelZoo.Data.Datasets.Synthetic;
using ModelZoo.Data.Loading;
using ModelZoo.Data.Transforms;
using ModelZoo.Models;
using ModelZoo.Training.Callbacks;
using ModelZoo.Training.Jobs;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Training.Tests.Core;

public sealed class TrainerTests
{
    private static DataLoader Loader(int start, int end, bool shuffle)
    {
        var data = new SyntheticShapesDataset(1200, seed: 5);
        var transform = new Compose(new Pad(2), new ToTensor(), new Normalize(new[] { 0.5 }, new[] { 0.5 }));
        return new DataLoader(ClassificationSubset.Range(data, start, end), transform,
            new DataLoaderOptions { BatchSize = 32, Shuffle = shuffle, Seed = 1 });
    }

    [Fact]
    public void Training_lowers_the_loss_and_beats_chance_on_held_out_shapes()
    {
        using ImageClassifier model = Zoo.Create("lenet5", new ModelOptions { Seed = 1 });
        var epochs = new List<EpochMetrics>();
        var steps = new List<TrainingProgress>();
        var trainer = new Trainer(new TrainerOptions { Epochs = 3, LearningRate = 0.02, Device = "cpu" })
            .Add(new ProgressCallback(new Sink<TrainingProgress>(steps.Add), new Sink<EpochMetrics>(epochs.Add)));
        TrainingResult result = trainer.Fit(model, Loader(0, 1000, true), Loader(1000, 1200, false));
        Assert.Equal(3, result.Epochs.Count);
        Assert.Equal(3, epochs.Count);
        Assert.Equal(3 * 32, steps.Count);   // 1000 / 32 → 32 batches per epoch
        Assert.True(result.Epochs[2].TrainLoss < result.Epochs[0].TrainLoss, "loss should fall");
        Assert.True(result.Last.EvalAccuracy > 0.3, $"eval accuracy {result.Last.EvalAccuracy} should beat chance (0.1)");
        Assert.Equal(1000, epochs[0].Samples);
    }

    [Fact]
    public void A_callback_can_stop_training_early()
    {
        using ImageClassifier model = Zoo.Create("lenet5", new ModelOptions { Seed = 1 });
        var trainer = new Trainer(new TrainerOptions { Epochs = 5, Device = "cpu" }).Add(new StopAfter(3));
        TrainingResult result = trainer.Fit(model, Loader(0, 320, true));
        Assert.True(result.Stopped);
        Assert.Single(result.Epochs);
        Assert.Equal(96, result.Epochs[0].Samples);
    }

    [Fact]
    public void Evaluator_counts_correct_predictions_exactly()
    {
        using ImageClassifier model = Zoo.Create("lenet5", new ModelOptions { Seed = 2 });
        DataLoader loader = Loader(0, 100, false);
        EvaluationResult r = Evaluator.Evaluate(model, loader);
        int correct = 0;
        model.eval();
        using (torch.no_grad())
        {
            foreach (Batch b in loader.GetBatches(0))
            {
                using (b)
                using (Tensor pred = model.call(b.Inputs).argmax(1))
                    correct += pred.data<long>().ToArray().Zip(b.Targets.data<long>().ToArray()).Count(p => p.First == p.Second);
            }
        }
        Assert.Equal(100, r.Count);
        Assert.Equal(correct, r.Correct);
    }

    [Fact]
    public async Task Train_job_writes_a_checkpoint_that_evaluate_job_scores_identically()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        TrainJobResult result = await TrainJob.RunAsync(new TrainJobOptions
        {
            Epochs = 1, TrainRange = new IndexRange(0, 640), EvalRange = new IndexRange(9000, 9500), OutputDirectory = dir.Path, Device = "cpu",
        });
        Assert.True(File.Exists(result.Checkpoint));
        EvaluationResult again = EvaluateJob.Run("lenet5", result.Checkpoint, "synthetic", null, new IndexRange(9000, 9500));
        Assert.Equal(500, again.Count);
        Assert.Equal(result.EvalAccuracy, again.Accuracy, 6);
    }

    private sealed class Sink<T>(Action<T> add) : IProgress<T>
    {
        public void Report(T value) => add(value);
    }

    private sealed class StopAfter(int steps) : ITrainerCallback
    {
        public void OnStepEnd(TrainerContext context, TrainingProgress progress)
        {
            if (progress.Step >= steps) context.StopRequested = true;
        }
    }
}
