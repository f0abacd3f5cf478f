using System.Text.Json;

namespace ModelZoo.Cli.Tests;

/// <summary>
/// A LeNet-5 trained by someone else's PyTorch code (tests/fixtures/foreign-lenet/train_foreign_lenet.py: tanh, average
/// pooling, its own key names feature.N / classifier.N, its own normalisation mean 0.5 std 0.5, 28×28 digits padded to
/// 32×32) evaluates from the CLI to exactly the count PyTorch got on MNIST t10k items 8,000–9,999.
/// </summary>
public sealed class ForeignCheckpointTests
{
    private static string Weights => RepoPaths.Fixtures("foreign-lenet", "foreign_lenet.pth");
    private static string Mnist => RepoPaths.SharedData("mnist");

    private static JsonElement Expected => JsonDocument.Parse(File.ReadAllText(RepoPaths.Fixtures("foreign-lenet", "expected.json"))).RootElement;

    private static readonly string[] s_common =
    {
        "evaluate", "--model", "lenet5-tanh", "--weights", Weights, "--dataset", "mnist", "--data-dir", Mnist,
        "--eval-range", "8000:10000", "--input-size", "32", "--pad", "2", "--mean", "0.5", "--std", "0.5", "--json",
    };

    [Fact]
    public async Task With_a_key_map_it_scores_what_pytorch_scored()
    {
        var r = await CliRunner.RunAsync([.. s_common, "--key-map", "feature.0.=conv1.,feature.3.=conv2.,classifier.0.=fc1.,classifier.2.=fc2.,classifier.4.=fc3."]);
        Assert.True(r.Exit == 0, r.Err);
        JsonElement o = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal(Expected.GetProperty("count").GetInt32(), o.GetProperty("count").GetInt32());
        Assert.Equal(Expected.GetProperty("correct").GetInt32(), o.GetProperty("correct").GetInt32());
    }

    [Fact]
    public async Task Matched_by_position_it_scores_the_same_and_prints_the_pairs()
    {
        var r = await CliRunner.RunAsync([.. s_common, "--match-by", "position"]);
        Assert.True(r.Exit == 0, r.Err);
        Assert.Equal(Expected.GetProperty("correct").GetInt32(), JsonDocument.Parse(r.Out).RootElement.GetProperty("correct").GetInt32());
        Assert.Contains("matched 10 tensors by position", r.Err);
        Assert.Contains("  feature.3.weight -> conv2.weight", r.Err);
        Assert.Contains("  classifier.4.bias -> fc3.bias", r.Err);
    }

    [Fact]
    public async Task Without_its_preprocessing_or_its_names_it_does_not()
    {
        // Its own names are refused by name, like PyTorch's load_state_dict.
        var names = await CliRunner.RunAsync("evaluate", "--model", "lenet5-tanh", "--weights", Weights, "--dataset", "mnist",
            "--data-dir", Mnist, "--eval-range", "8000:8100");
        Assert.Equal(CliApp.UsageError, names.Exit);
        Assert.Contains("Missing key(s) in state_dict: \"conv1.weight\"", names.Err);
        // MNIST's own statistics instead of the file's (0.5, 0.5): the count differs from PyTorch's.
        int mean = Array.IndexOf(s_common, "--mean");
        string[] args = [.. s_common[..mean], .. s_common[(mean + 4)..], "--match-by", "position"];
        var wrong = await CliRunner.RunAsync(args);
        Assert.True(wrong.Exit == 0, wrong.Err);
        Assert.NotEqual(Expected.GetProperty("correct").GetInt32(), JsonDocument.Parse(wrong.Out).RootElement.GetProperty("correct").GetInt32());
    }

    [Fact]
    public async Task A_wrong_pad_for_the_model_is_one_line_naming_the_sizes()
    {
        string[] args = s_common.Select(a => a == "2" ? "3" : a).Append("--match-by").Append("position").ToArray();
        var r = await CliRunner.RunAsync(args);
        Assert.Equal(CliApp.UsageError, r.Exit);
        Assert.Single(r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("into 34x34, but lenet5-tanh takes 32x32", r.Err);
    }
}
