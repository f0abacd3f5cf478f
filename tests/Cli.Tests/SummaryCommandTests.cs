using System.Text.Json;

namespace ModelZoo.Cli.Tests;

public sealed class SummaryCommandTests
{
    private static async Task<JsonElement> Json(params string[] args)
    {
        var r = await CliRunner.RunAsync(args.Append("--json").ToArray());
        Assert.True(r.Exit == 0, r.Err);
        return JsonDocument.Parse(r.Out).RootElement.Clone();
    }

    [Fact]
    public async Task Lenet5_json_has_61706_params_and_one_row_per_layer()
    {
        JsonElement s = await Json("summary", "lenet5");
        Assert.Equal("lenet5", s.GetProperty("model").GetString());
        Assert.Equal(61_706, s.GetProperty("params").GetInt64());
        Assert.Equal(61_706, s.GetProperty("trainable_params").GetInt64());
        var layers = s.GetProperty("layers").EnumerateArray().ToDictionary(l => l.GetProperty("name").GetString()!, l => l);
        Assert.Equal(new[] { 1L, 6, 28, 28 }, layers["conv1"].GetProperty("output_shape").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal(48_120, layers["fc1"].GetProperty("params").GetInt64());
        Assert.Equal(new[] { 1L, 10 }, layers["fc3"].GetProperty("output_shape").EnumerateArray().Select(e => e.GetInt64()));
    }

    [Fact]
    public async Task Lenet5_classic_layers_have_the_papers_parameter_counts()
    {
        JsonElement s = await Json("summary", "lenet5-classic", "--input", "1x32x32");
        var counts = s.GetProperty("layers").EnumerateArray().ToDictionary(l => l.GetProperty("name").GetString()!, l => l.GetProperty("params").GetInt64());
        Assert.Equal(new Dictionary<string, long> { ["c1"] = 156, ["s2"] = 12, ["c3"] = 1_516, ["s4"] = 32, ["c5"] = 48_120, ["f6"] = 10_164, ["output"] = 850 }, counts);
    }

    [Theory]
    [InlineData("resnet18", 1.814)]
    [InlineData("alexnet", 0.714)]
    public async Task Macs_are_within_one_percent_of_torchvisions_gflops(string model, double gmacs)
    {
        JsonElement s = await Json("summary", model, "--input", "3x224x224");
        Assert.InRange(s.GetProperty("macs").GetInt64() / 1e9, gmacs * 0.99, gmacs * 1.01);
    }

    [Fact]
    public async Task Googlenet_training_summary_runs_the_auxiliary_heads()
    {
        JsonElement s = await Json("summary", "googlenet", "--input", "3x64x64", "--training");
        string[] names = s.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("name").GetString()!).ToArray();
        Assert.Contains("aux1.fc2", names);
        Assert.Contains("aux2.fc2", names);
        Assert.Equal(13_004_888, s.GetProperty("params").GetInt64());
    }

    [Theory]
    [InlineData("lenet5", "3x32x32", "[N, 1, 32, 32]")]
    [InlineData("vgg11", "3x16x16", "H, W >= 32")]
    [InlineData("lenet5", "1x32", "CxHxW")]
    public async Task Mismatched_input_is_a_one_line_error(string model, string input, string expected)
    {
        var r = await CliRunner.RunAsync("summary", model, "--input", input);
        Assert.Equal(CliApp.UsageError, r.Exit);
        Assert.Single(r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, r.Err);
    }

    [Fact]
    public async Task Text_table_shows_totals()
    {
        var r = await CliRunner.RunAsync("summary", "lenet5");
        Assert.Equal(0, r.Exit);
        Assert.Contains("Total params: 61,706", r.Out);
        Assert.Contains("conv1", r.Out);
    }
}
