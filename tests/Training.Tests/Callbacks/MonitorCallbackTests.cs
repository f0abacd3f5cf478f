using ModelZoo.Models;
using ModelZoo.Training.Callbacks;
using ModelZoo.Training.Checkpoints;
using ModelZoo.Training.Tests.Support;

namespace ModelZoo.Training.Tests.Callbacks;

/// <summary>Early stopping and the best checkpoint, driven with fixed metric sequences.</summary>
public sealed class MonitorCallbackTests
{
    private static EpochMetrics Epoch(int epoch, double evalLoss, double evalAccuracy) =>
        new(epoch, 1.0, 0.5, evalLoss, evalAccuracy, TimeSpan.FromSeconds(1), 100) { Metrics = new Dictionary<string, double> { ["eval_macro_f1"] = evalAccuracy / 2 } };

    [Fact]
    public void Early_stopping_waits_patience_epochs_without_an_improvement_larger_than_min_delta()
    {
        var stop = new EarlyStopping("eval_loss", patience: 2, minDelta: 0.01);
        TrainerContext context = TestContext.Create(new ITrainerCallback[] { stop });
        double[] losses = { 1.0, 0.8, 0.795, 0.7, 0.71, 0.695, 0.9 };   // 0.795 and 0.695 improve by less than 0.01
        int stoppedAfter = 0;
        for (int e = 1; e <= losses.Length && !context.StopRequested; e++)
        {
            stop.OnEpochEnd(context, Epoch(e, losses[e - 1], 0.5));
            stoppedAfter = e;
        }
        Assert.Equal(6, stoppedAfter);   // best 0.7 at epoch 4; epochs 5 and 6 do not beat it by 0.01
        Assert.Equal(0.7, stop.Best);
        Assert.Equal(6, stop.StoppedEpoch);
        Assert.Contains("eval_loss did not improve", context.StopReason);

        var restored = new EarlyStopping("eval_loss", patience: 2, minDelta: 0.01);
        restored.LoadState(System.Text.Json.Nodes.JsonNode.Parse(stop.SaveState()!.ToJsonString()));
        Assert.Equal((stop.Best, stop.Wait, stop.StoppedEpoch), (restored.Best, restored.Wait, restored.StoppedEpoch));

        var max = new EarlyStopping("eval_macro_f1", patience: 1);
        Assert.Equal(MonitorMode.Max, max.Monitor.Mode);
        var error = Assert.Throws<InvalidOperationException>(() => new EarlyStopping("eval_top5_accuracy").OnEpochEnd(context, Epoch(1, 1, 1)));
        Assert.Contains("eval_macro_f1", error.Message);   // names what the epoch has
    }

    [Fact]
    public void The_best_checkpoint_is_written_only_when_the_metric_improves()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        var written = new List<int>();
        var best = new BestCheckpointCallback(dir.File("best.ckpt"), new MetricMonitor("eval_accuracy"), (epoch, m) =>
        {
            written.Add(epoch);
            return new CheckpointInfo { Model = "lenet5", Options = new ModelOptions(), Epoch = epoch, Metrics = new Dictionary<string, double> { ["acc"] = m!.EvalAccuracy!.Value } };
        });
        TrainerContext context = TestContext.Create(new ITrainerCallback[] { best });
        double[] accuracy = { 0.5, 0.7, 0.6, 0.7, 0.9, 0.8 };
        for (int e = 1; e <= accuracy.Length; e++) best.OnEpochEnd(context, Epoch(e, 1, accuracy[e - 1]));
        Assert.Equal(new[] { 1, 2, 5 }, written);
        CheckpointInfo info = Checkpoint.ReadInfo(best.Path);
        Assert.Equal(5, info.Epoch);
        Assert.Equal(0.9, info.Metrics!["acc"]);
        Assert.True(info.Training!.HasOptimizerState);
        Assert.Equal((0.9, 5), (best.Best!.Value, best.BestEpoch!.Value));
    }
}
