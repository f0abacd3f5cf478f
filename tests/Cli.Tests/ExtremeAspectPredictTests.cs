using System.Text.Json;
using ModelZoo.Models;
using ModelZoo.Models.Tests.Oracle;
using ModelZoo.Models.Weights.SafetensorsFormat;

namespace ModelZoo.Cli.Tests;

/// <summary>`modelzoo predict` on valid images 1 pixel wide or tall (they used to die with an OverflowException in
/// Resize): the same top-5 as torchvision with the same weights (tests/fixtures/pretrained/make_extreme_aspect_oracle.py).</summary>
public sealed class ExtremeAspectPredictTests
{
    [Theory]
    [InlineData("tall-1x20000.png")]
    [InlineData("wide-20000x1.png")]
    public async Task Predicts_the_same_top5_as_torchvision(string image)
    {
        JsonElement oracle = JsonDocument.Parse(File.ReadAllText(RepoPaths.Fixtures("pretrained", "extreme_aspect_resnet18.json")))
            .RootElement.GetProperty("images").GetProperty(image);
        using var dir = RepoPaths.NewTempDir();
        string weights = dir.File("resnet18-formula.safetensors");
        using (ImageClassifier model = Zoo.Create("resnet18", new ModelOptions { NumClasses = 1000 }))
        {
            DeterministicFill.Fill(model, 1.0);
            Safetensors.Save(weights, model.state_dict());
        }
        string path = RepoPaths.Fixtures("pretrained", image);
        var r = await CliRunner.RunAsync("predict", "--model", "resnet18", "--weights", weights, "--image", path, "--json");
        Assert.True(r.Exit == 0, r.Err);
        JsonElement[] predictions = JsonDocument.Parse(r.Out).RootElement.GetProperty("predictions").EnumerateArray().ToArray();
        Assert.Equal(oracle.GetProperty("top5").EnumerateArray().Select(e => e.GetInt32()), predictions.Select(p => p.GetProperty("index").GetInt32()));
        double[] logits = oracle.GetProperty("logits").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        for (int i = 0; i < 5; i++) Assert.Equal(logits[i], predictions[i].GetProperty("logit").GetDouble(), 3);
    }
}
