using System.Text.Json;

namespace ModelZoo.Cli.Tests;

/// <summary>`train` and `evaluate` accept registered names from every family: one tiny run each on the synthetic
/// 28×28 grayscale shapes (1 input channel, padded or resized to the model's minimum input).</summary>
public sealed class EveryFamilyTrainsTests
{
    [Theory]
    [InlineData("lenet5-classic")]
    [InlineData("resnet18")]
    [InlineData("googlenet")]
    [InlineData("alexnet")]
    [InlineData("resnet20-cifar")]
    public async Task Train_then_evaluate_round_trips(string model)
    {
        using TempDir dir = RepoPaths.NewTempDir();
        JsonElement train = await CliRunner.JsonAsync("train", "--model", model, "--epochs", "1", "--batch-size", "16",
            "--train-range", "0:32", "--eval-range", "9000:9032", "--out", dir.Path, "--json", "--device", "cpu");
        string checkpoint = train.GetProperty("checkpoint").GetString()!;
        JsonElement eval = await CliRunner.JsonAsync("evaluate", "--model", model, "--weights", checkpoint, "--dataset", "synthetic",
            "--eval-range", "9000:9032", "--json");
        Assert.Equal(train.GetProperty("eval_accuracy").GetDouble(), eval.GetProperty("accuracy").GetDouble(), 5);
    }

    [Fact]
    public async Task Evaluate_reads_a_real_pytorch_file_and_reports_its_mnist_score()
    {
        string weights = RepoPaths.SharedData("checkpoints", "fyh620-lenet", "lenet.pth");
        JsonElement result = await CliRunner.JsonAsync("evaluate", "--model", "lenet5", "--weights", weights, "--dataset", "mnist",
            "--data-dir", RepoPaths.SharedData("mnist"), "--json");
        Assert.Equal(10_000, result.GetProperty("count").GetInt32());
        Assert.Equal(9_813, result.GetProperty("correct").GetInt32());
    }
}
