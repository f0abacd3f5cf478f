using System.Text.Json;
using ModelZoo.Data.Imaging;
using ModelZoo.Training.Checkpoints;

namespace ModelZoo.Cli.Tests;

[Collection(nameof(GlobalRngCollection))]
public sealed class TrainResumeCommandTests
{
    private static readonly string[] s_data = { "--train-range", "0:256", "--eval-range", "9000:9128", "--device", "cpu", "--json" };

    private static Task<JsonElement> Train(params string[] args) =>
        CliRunner.JsonAsync(new[] { "train" }.Concat(args).Concat(s_data).ToArray());

    [Fact]
    public async Task Resume_continues_the_run_in_place_and_matches_an_uninterrupted_run_with_logs_and_a_plot()
    {
        using TempDir dir = RepoPaths.NewTempDir(), straightDir = RepoPaths.NewTempDir();
        JsonElement first = await Train("--epochs", "1", "--out", dir.Path, "--seed", "3");
        string checkpoint = first.GetProperty("checkpoint").GetString()!;
        string csv = first.GetProperty("metrics_csv").GetString()!;
        Assert.Equal(Path.Combine(dir.Path, "lenet5-synthetic", "metrics.csv"), csv);
        Assert.Equal(2, File.ReadAllLines(csv).Length);

        JsonElement resumed = await Train("--resume", checkpoint, "--epochs", "2");   // model, dataset and seed from the checkpoint
        Assert.Equal(checkpoint, resumed.GetProperty("checkpoint").GetString());
        Assert.Equal(2, resumed.GetProperty("epochs").GetInt32());
        Assert.Equal(2, Checkpoint.ReadInfo(checkpoint).Epoch);
        Assert.Single(Directory.GetFiles(dir.Path, "*.ckpt"));
        string[] rows = File.ReadAllLines(csv);
        Assert.Equal(new[] { "1", "2" }, rows[1..].Select(r => r.Split(',')[0]));
        ImageBuffer plot = ImageDecoder.Decode(resumed.GetProperty("plot").GetString()!);
        Assert.Equal((960, 400), (plot.Width, plot.Height));

        JsonElement straight = await Train("--epochs", "2", "--out", straightDir.Path, "--seed", "3");
        string[] straightRows = File.ReadAllLines(straight.GetProperty("metrics_csv").GetString()!);
        for (int i = 1; i <= 2; i++)   // train/eval loss and accuracy identical to the last digit
            Assert.Equal(straightRows[i].Split(',')[1..5], rows[i].Split(',')[1..5]);
    }

    [Fact]
    public async Task Resume_rejects_a_different_model_or_dataset_a_reached_epoch_count_and_weights_only_checkpoints()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        JsonElement first = await Train("--epochs", "1", "--out", dir.Path);
        string checkpoint = first.GetProperty("checkpoint").GetString()!;

        var model = await CliRunner.RunAsync("train", "--resume", checkpoint, "--epochs", "2", "--model", "resnet18");
        Assert.NotEqual(0, model.Exit);
        Assert.Contains("trained with model 'lenet5'", model.Err);
        var dataset = await CliRunner.RunAsync("train", "--resume", checkpoint, "--epochs", "2", "--dataset", "mnist");
        Assert.Contains("trained on dataset 'synthetic'", dataset.Err);
        var reached = await CliRunner.RunAsync("train", "--resume", checkpoint, "--epochs", "1");
        Assert.Contains("already trained 1 epoch(s)", reached.Err);

        (var weights, CheckpointInfo info) = Checkpoint.Load(checkpoint);
        string weightsOnly = Path.Combine(dir.Path, "weights.ckpt");
        using (weights) Checkpoint.Save(weights, info with { Training = null }, weightsOnly);
        var noState = await CliRunner.RunAsync("train", "--resume", weightsOnly, "--epochs", "2");
        Assert.NotEqual(0, noState.Exit);
        Assert.Contains("has no optimizer state", noState.Err);
        Assert.DoesNotContain("   at ", noState.Err);
    }
}
