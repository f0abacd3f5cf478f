using System.Text.Json;

namespace ModelZoo.Cli.Tests;

/// <summary>The speed options of predict, evaluate and train (issue 11): --precision, --memory-format, --no-fast-path.</summary>
public sealed class SpeedOptionsTests
{
    private static string LeNet => RepoPaths.SharedData("checkpoints", "fyh620-lenet", "lenet.pth");
    private static string Digit => RepoPaths.SharedData("checkpoints", "fyh620-lenet", "28-test-gray.jpg");

    private static async Task<int> CorrectAsync(params string[] extra)
    {
        JsonElement result = await CliRunner.JsonAsync(["evaluate", "--model", "lenet5", "--weights", LeNet, "--dataset", "mnist",
            "--data-dir", RepoPaths.SharedData("mnist"), "--eval-range", "0:3000", "--json", .. extra]);
        Assert.Equal(3000, result.GetProperty("count").GetInt32());
        return result.GetProperty("correct").GetInt32();
    }

    [Fact]
    public async Task Evaluate_in_bf16_stays_within_a_few_images_and_the_opt_out_is_the_plain_model()
    {
        int fast = await CorrectAsync();
        int plain = await CorrectAsync("--no-fast-path");
        int contiguous = await CorrectAsync("--memory-format", "contiguous");
        int bf16 = await CorrectAsync("--precision", "bf16", "--memory-format", "channels-last");
        Assert.Equal(plain, fast);
        Assert.Equal(plain, contiguous);
        Assert.InRange(bf16, plain - 5, plain + 5);
    }

    [Fact]
    public async Task Predict_in_bf16_keeps_the_top_class()
    {
        string[] common = ["predict", "--model", "lenet5", "--input-size", "28", "--weights", LeNet, "--image", Digit,
            "--preset", "none", "--mean", "0.1307", "--std", "0.3081", "--json"];
        var fp32 = await CliRunner.RunAsync(common);
        var bf16 = await CliRunner.RunAsync([.. common, "--precision", "bf16"]);
        Assert.True(fp32.Exit == 0, fp32.Err);
        Assert.True(bf16.Exit == 0, bf16.Err);
        int Top(string json) => JsonDocument.Parse(json).RootElement.GetProperty("predictions")[0].GetProperty("index").GetInt32();
        Assert.Equal(Top(fp32.Out), Top(bf16.Out));
    }

    [Theory]
    [InlineData("evaluate", "--precision", "fp8")]
    [InlineData("evaluate", "--memory-format", "nhwc8")]
    [InlineData("predict", "--precision", "fp16")]
    [InlineData("train", "--memory-format", "planar")]
    public async Task Bad_speed_options_are_one_line_errors_with_exit_code_2(string verb, string option, string value)
    {
        string[] args = verb switch
        {
            "evaluate" => ["evaluate", "--model", "lenet5", "--weights", LeNet, "--dataset", "mnist", "--data-dir", RepoPaths.SharedData("mnist"), option, value],
            "predict" => ["predict", "--model", "lenet5", "--input-size", "28", "--weights", LeNet, "--image", Digit, "--preset", "none", "--mean", "0.1307", "--std", "0.3081", option, value],
            _ => ["train", "--epochs", "1", option, value],
        };
        var r = await CliRunner.RunAsync(args);
        Assert.Equal(2, r.Exit);
        Assert.Single(r.Err.Trim().Split('\n'));
        Assert.Contains(value == "fp16" ? "on the CPU use bf16" : value, r.Err);
        if (value != "fp16") Assert.Contains(option == "--precision" ? "fp32" : "channels-last", r.Err);   // the accepted values
    }

    [Fact]
    public async Task Train_accepts_channels_last()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        var t = await CliRunner.RunAsync("train", "--model", "resnet18", "--epochs", "1", "--batch-size", "16", "--train-range", "0:32",
            "--eval-range", "9000:9032", "--out", dir.Path, "--json", "--memory-format", "channels-last");
        Assert.True(t.Exit == 0, t.Err);
        string checkpoint = JsonDocument.Parse(t.Out).RootElement.GetProperty("checkpoint").GetString()!;
        var e = await CliRunner.RunAsync("evaluate", "--model", "resnet18", "--weights", checkpoint, "--dataset", "synthetic",
            "--eval-range", "9000:9032", "--json", "--memory-format", "contiguous");
        Assert.True(e.Exit == 0, e.Err);
    }
}
