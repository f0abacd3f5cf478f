using System.Text.Json;

namespace ModelZoo.Cli.Tests;

/// <summary>`modelzoo predict` against PyTorch oracles (tests/fixtures/pretrained/make_predict_oracle.py).</summary>
public sealed class PredictCommandTests
{
    private static string LeNet => RepoPaths.SharedData("checkpoints", "fyh620-lenet", "lenet.pth");
    private static string Digit => RepoPaths.SharedData("checkpoints", "fyh620-lenet", "28-test-gray.jpg");

    private static JsonElement Oracle(string name) => JsonDocument.Parse(File.ReadAllText(RepoPaths.Fixtures("pretrained", name))).RootElement;

    [Fact]
    public async Task Json_has_the_documented_shape_and_pytorchs_numbers()
    {
        JsonElement o = await CliRunner.JsonAsync("predict", "--model", "lenet5", "--input-size", "28", "--weights", LeNet, "--image", Digit,
            "--preset", "none", "--mean", "0.1307", "--std", "0.3081", "--json");
        Assert.Equal(new[] { "model", "weights", "image", "predictions" }, o.EnumerateObject().Select(p => p.Name));
        Assert.Equal("lenet5", o.GetProperty("model").GetString());
        Assert.Equal(Path.GetFullPath(LeNet), o.GetProperty("weights").GetString());
        JsonElement[] predictions = o.GetProperty("predictions").EnumerateArray().ToArray();
        Assert.Equal(5, predictions.Length);
        Assert.All(predictions, p => Assert.Equal(new[] { "index", "label", "probability", "logit" }, p.EnumerateObject().Select(x => x.Name)));

        JsonElement oracle = Oracle("predict_lenet.json");
        int[] top5 = oracle.GetProperty("top5").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        double[] logits = oracle.GetProperty("logits").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        double[] probabilities = oracle.GetProperty("probabilities").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(top5, predictions.Select(p => p.GetProperty("index").GetInt32()));
        foreach (JsonElement p in predictions)
        {
            int i = p.GetProperty("index").GetInt32();
            Assert.Equal(i.ToString(), p.GetProperty("label").GetString());
            Assert.Equal(logits[i], p.GetProperty("logit").GetDouble(), 3);
            Assert.Equal(probabilities[i], p.GetProperty("probability").GetDouble(), 4);
        }
    }

    [Fact]
    public async Task A_thousand_class_file_prints_imagenet_labels_like_torchvision()
    {
        JsonElement oracle = Oracle("predict_lenet_rgb1000.json");
        string image = RepoPaths.SharedData("images", "cat.jpg");
        string weights = RepoPaths.Fixtures("pretrained", "lenet_rgb1000.pth");

        var json = await CliRunner.RunAsync("predict", "-m", "lenet5", "--in-channels", "3", "-w", weights, "-i", image, "--resize", "32", "--json");
        Assert.True(json.Exit == 0, json.Err);
        JsonElement[] predictions = JsonDocument.Parse(json.Out).RootElement.GetProperty("predictions").EnumerateArray().ToArray();
        Assert.Equal(oracle.GetProperty("top5").EnumerateArray().Select(e => e.GetInt32()), predictions.Select(p => p.GetProperty("index").GetInt32()));
        Assert.Equal(oracle.GetProperty("labels").EnumerateArray().Select(e => e.GetString()), predictions.Select(p => p.GetProperty("label").GetString()));
        double[] logits = oracle.GetProperty("logits").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        for (int i = 0; i < 5; i++) Assert.Equal(logits[i], predictions[i].GetProperty("logit").GetDouble(), 3);

        var text = await CliRunner.RunAsync("predict", "-m", "lenet5", "--in-channels", "3", "-w", weights, "-i", image, "--resize", "32", "--topk", "2");
        Assert.True(text.Exit == 0, text.Err);
        string[] lines = text.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Contains("resize 32 (bilinear), crop 32", lines[0]);
        Assert.StartsWith("  1. " + oracle.GetProperty("labels")[0].GetString(), lines[2]);
        Assert.Contains($"index {oracle.GetProperty("top5")[1].GetInt32()}", lines[3]);
    }

    [Fact]
    public async Task Bad_input_gives_one_clear_line()
    {
        var missing = await CliRunner.RunAsync("predict", "-m", "lenet5", "--input-size", "28", "-w", LeNet, "-i", "no-such.jpg");
        Assert.Equal(CliApp.UsageError, missing.Exit);
        Assert.Contains("Image not found", missing.Err);

        var name = await CliRunner.RunAsync("predict", "-m", "resnet18", "-w", "IMAGENET1K_V2", "-i", Digit);
        Assert.Equal(CliApp.UsageError, name.Exit);
        Assert.Contains("Available: DEFAULT (= IMAGENET1K_V1), IMAGENET1K_V1", name.Err);

        var channels = await CliRunner.RunAsync("predict", "-m", "lenet5", "--input-size", "28", "-w", LeNet, "-i", Digit);
        Assert.Equal(CliApp.UsageError, channels.Exit);
        Assert.Contains("give --mean and --std with 1 value(s)", channels.Err);

        var noFile = await CliRunner.RunAsync("predict", "-m", "lenet5", "-w", "nothing/here.pth", "-i", Digit);
        Assert.Equal(CliApp.UsageError, noFile.Exit);
        Assert.Contains("lenet5 has no published weights", noFile.Err);
        Assert.Single(noFile.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Offline_catalog_weights_name_the_url_and_the_path()
    {
        using TempDir home = RepoPaths.NewTempDir();
        string?[] saved = { Environment.GetEnvironmentVariable("MODELZOO_HOME"), Environment.GetEnvironmentVariable("TORCH_HOME"), Environment.GetEnvironmentVariable("MODELZOO_OFFLINE") };
        try
        {
            Environment.SetEnvironmentVariable("MODELZOO_HOME", home.File("zoo"));
            Environment.SetEnvironmentVariable("TORCH_HOME", home.File("torch"));
            Environment.SetEnvironmentVariable("MODELZOO_OFFLINE", "1");
            var r = await CliRunner.RunAsync("predict", "-m", "resnet18", "-w", "DEFAULT", "-i", RepoPaths.SharedData("images", "dog.jpg"));
            Assert.Equal(CliApp.Failure, r.Exit);
            Assert.Contains("https://download.pytorch.org/models/resnet18-f37072fd.pth", r.Err);
            Assert.Contains(Path.Combine(home.File("zoo"), "checkpoints", "resnet18-f37072fd.pth"), r.Err);
            Assert.Single(r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            Environment.SetEnvironmentVariable("MODELZOO_HOME", saved[0]);
            Environment.SetEnvironmentVariable("TORCH_HOME", saved[1]);
            Environment.SetEnvironmentVariable("MODELZOO_OFFLINE", saved[2]);
        }
    }
}
