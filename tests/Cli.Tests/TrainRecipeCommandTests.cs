using System.Text.Json;

namespace ModelZoo.Cli.Tests;

/// <summary>`train`'s recipe options, `lr-find` and `evaluate`'s report, end to end in-process.</summary>
public sealed class TrainRecipeCommandTests
{
    private static void AssertUsageError((int Exit, string Out, string Err) r, params string[] mustContain)
    {
        Assert.Equal(CliApp.UsageError, r.Exit);
        string[] lines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr, got:\n{r.Err}");
        foreach (string s in mustContain) Assert.Contains(s, lines[0]);
    }

    [Fact]
    public async Task Help_lists_the_recipe_options_the_lr_find_verb_and_the_evaluation_report()
    {
        var train = await CliRunner.RunAsync("train", "--help");
        foreach (string option in new[] { "--scheduler", "--warmup", "--weight-decay", "--label-smoothing", "--clip-grad", "--accumulate", "--ema",
                     "--mixup", "--cutmix", "--early-stop", "--save-best", "--tensorboard", "nesterov", "rmsprop", "digits" })
            Assert.Contains(option, train.Out);
        Assert.Contains("lr-find", (await CliRunner.RunAsync("--help")).Out);
        var evaluate = await CliRunner.RunAsync("evaluate", "--help");
        Assert.Contains("--report", evaluate.Out);
        Assert.Contains("--confusion-plot", evaluate.Out);
    }

    [Theory]
    [InlineData("--scheduler", "warp", "--scheduler", "Unknown schedule 'warp'", "onecycle")]
    [InlineData("--scheduler", "step:0", "--scheduler", "step[:EPOCHS[:GAMMA]]", "EPOCHS >= 1")]
    [InlineData("--warmup", "-1", "--warmup must be", ">= 0")]
    [InlineData("--weight-decay", "-0.1", "--weight-decay must be", ">= 0")]
    [InlineData("--label-smoothing", "1", "--label-smoothing must be in [0, 1)", "got 1")]
    [InlineData("--clip-grad", "0", "--clip-grad must be > 0")]
    [InlineData("--accumulate", "0", "--accumulate must be >= 1")]
    [InlineData("--ema", "1.5", "--ema must be in (0, 1)")]
    [InlineData("--mixup", "0", "--mixup must be > 0")]
    [InlineData("--cutmix", "-1", "--cutmix must be > 0")]
    [InlineData("--early-stop", "eval_loss", "--early-stop", "METRIC:PATIENCE")]
    [InlineData("--early-stop", "eval_los:3", "--early-stop", "Unknown metric 'eval_los'", "eval_loss")]
    [InlineData("--save-best", "accuracy", "--save-best", "Unknown metric 'accuracy'", "eval_accuracy")]
    public async Task Bad_recipe_values_are_one_line_usage_errors_naming_the_option_and_range(string option, string value, params string[] expected)
    {
        var r = await CliRunner.RunAsync("train", option, value, "--epochs", "1");
        AssertUsageError(r, expected);
    }

    [Fact]
    public async Task A_recipe_run_keeps_the_best_checkpoint_logs_tensorboard_and_stops_early()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        JsonElement o = await CliRunner.JsonAsync("train", "--epochs", "4", "--train-range", "0:384", "--eval-range", "9000:9256", "--out", dir.Path,
            "--device", "cpu", "--json", "--scheduler", "cosine", "--warmup", "0.5", "--optimizer", "nesterov", "--lr", "0.05",
            "--weight-decay", "0.0005", "--label-smoothing", "0.1", "--clip-grad", "2", "--accumulate", "2", "--ema", "0.9",
            "--mixup", "0.2", "--save-best", "eval_accuracy", "--early-stop", "train_accuracy:1", "--tensorboard", dir.File("tb"));
        string best = o.GetProperty("best_checkpoint").GetString()!;
        Assert.True(File.Exists(best), best);
        Assert.EndsWith("-best.ckpt", best);
        Assert.Single(Directory.GetFiles(dir.File("tb"), "events.out.tfevents.*"));
        int epochs = o.GetProperty("epochs").GetInt32();
        if (epochs < 4) Assert.Contains("early stopping", o.GetProperty("stop_reason").GetString());
        Assert.Contains("eval_macro_f1", File.ReadAllText(o.GetProperty("metrics_csv").GetString()!.Replace("metrics.csv", "metrics.jsonl")));
    }

    [Fact]
    public async Task Mixup_0_2_trains_well_above_chance()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        JsonElement result = await CliRunner.JsonAsync("train", "--dataset", "mnist", "--data-dir", RepoPaths.SharedData("mnist"), "--epochs", "2",
            "--train-range", "0:2048", "--eval-range", "8000:8512", "--out", dir.Path, "--device", "cpu", "--json", "--lr", "0.05", "--mixup", "0.2");
        Assert.InRange(result.GetProperty("eval_accuracy").GetDouble(), 0.6, 1);   // chance is 0.1; measured 0.88
    }

    [Fact]
    public async Task Lr_find_prints_a_suggestion_and_writes_the_plot()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        JsonElement o = await CliRunner.JsonAsync("lr-find", "--train-range", "0:640", "--batch-size", "32", "--iterations", "30", "--device", "cpu",
            "--plot", dir.File("lr.png"), "--json");
        double suggested = o.GetProperty("suggested_lr").GetDouble();
        Assert.InRange(suggested, 1e-7, 10);
        Assert.True(o.GetProperty("steps").GetInt32() <= 30);
        Assert.True(File.Exists(dir.File("lr.png")));
        AssertUsageError(await CliRunner.RunAsync("lr-find", "--start-lr", "1", "--end-lr", "0.5"), "--end-lr", "--start-lr");
        AssertUsageError(await CliRunner.RunAsync("lr-find", "--iterations", "2"), "--iterations must be between 5 and 100000");
    }

    [Fact]
    public async Task Evaluate_prints_top5_and_per_class_metrics_and_writes_the_report_and_heatmap()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        var t = await CliRunner.RunAsync("train", "--epochs", "1", "--train-range", "0:256", "--eval-range", "9000:9256", "--out", dir.Path, "--json", "--device", "cpu");
        Assert.True(t.Exit == 0, t.Err);
        string checkpoint = JsonDocument.Parse(t.Out).RootElement.GetProperty("checkpoint").GetString()!;
        var e = await CliRunner.RunAsync("evaluate", "--model", "lenet5", "--weights", checkpoint, "--dataset", "synthetic", "--eval-range", "9000:9256",
            "--report", dir.File("report.json"), "--confusion-plot", dir.File("confusion.png"));
        Assert.True(e.Exit == 0, e.Err);
        Assert.Contains("top-5", e.Out);
        Assert.Contains("macro precision", e.Out);
        Assert.Contains("confusion matrix", e.Out);
        Assert.Contains("two-dots", e.Out);   // class names of the synthetic set
        using JsonDocument report = JsonDocument.Parse(File.ReadAllText(dir.File("report.json")));
        JsonElement root = report.RootElement;
        Assert.Equal(256, root.GetProperty("count").GetInt32());
        long total = root.GetProperty("confusion_matrix").EnumerateArray().SelectMany(row => row.EnumerateArray()).Sum(v => v.GetInt64());
        Assert.Equal(256, total);
        long diagonal = root.GetProperty("confusion_matrix").EnumerateArray().Select((row, i) => row[i].GetInt64()).Sum();
        Assert.Equal(root.GetProperty("correct").GetInt32(), diagonal);
        Assert.Equal(10, root.GetProperty("per_class").GetArrayLength());
        Assert.True(root.GetProperty("top5_accuracy").GetDouble() >= root.GetProperty("accuracy").GetDouble());
        Assert.True(new FileInfo(dir.File("confusion.png")).Length > 1000);

        var j = await CliRunner.RunAsync("evaluate", "--model", "lenet5", "--weights", checkpoint, "--dataset", "synthetic", "--eval-range", "9000:9256", "--json");
        using JsonDocument json = JsonDocument.Parse(j.Out);
        Assert.Equal(root.GetProperty("macro_f1").GetDouble(), json.RootElement.GetProperty("macro_f1").GetDouble(), 5);
    }
}
