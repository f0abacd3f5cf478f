using System.Text.Json;

namespace ModelZoo.Cli.Tests;

public sealed class TrainPrecisionTests
{
    [Fact]
    public async Task Train_with_bf16_mixed_writes_a_float32_checkpoint_that_evaluates_identically()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        JsonElement result = await CliRunner.JsonAsync("train", "--epochs", "1", "--train-range", "0:256", "--eval-range", "9000:9256",
            "--out", dir.Path, "--json", "--device", "cpu", "--precision", "bf16-mixed");
        string checkpoint = result.GetProperty("checkpoint").GetString()!;

        JsonElement ev = await CliRunner.JsonAsync("evaluate", "--model", "lenet5", "--weights", checkpoint, "--dataset", "synthetic",
            "--eval-range", "9000:9256", "--json");
        Assert.Equal(result.GetProperty("eval_accuracy").GetDouble(), ev.GetProperty("accuracy").GetDouble(), 5);
    }

    [Fact]
    public async Task An_unknown_precision_is_a_usage_error_listing_the_choices()
    {
        var r = await CliRunner.RunAsync("train", "--precision", "fp8");
        Assert.Equal(CliApp.UsageError, r.Exit);
        Assert.Contains("fp8", r.Err);
        Assert.Contains("bf16-mixed", r.Err);
    }
}
