using System.Text.Json;

namespace ModelZoo.Cli.Tests;

/// <summary>`modelzoo finetune --model resnet18-mlnet --weights ResNet18.onnx`: ML.NET's real ImageNet backbone as weights.</summary>
public sealed class FinetuneOnnxWeightsTests
{
    internal static string? MlNetResNet18 =>
        Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
            "microsoft.ml.dnnimagefeaturizer.resnet18", "0.23.1", "tools", "DnnImageModels", "ResNet18Onnx", "ResNet18.onnx") is { } p && File.Exists(p) ? p : null;

    public sealed class NeedsMlNetResNet18Fact : FactAttribute
    {
        public NeedsMlNetResNet18Fact()
        {
            if (MlNetResNet18 is null) Skip = "Microsoft.ML.DnnImageFeaturizer.ResNet18 0.23.1 is not in the NuGet cache (restore tests/Onnx.Tests).";
        }
    }

    [NeedsMlNetResNet18Fact]
    public async Task Finetunes_a_new_head_on_the_frozen_onnx_backbone()
    {
        using var dir = RepoPaths.NewTempDir();
        var r = await CliRunner.RunAsync("finetune", "--model", "resnet18-mlnet", "--weights", MlNetResNet18!, "--dataset", "imagefolder",
            "--data-dir", RepoPaths.SharedData("imagefolder", "hymenoptera-mini"), "--epochs", "1", "--train-limit", "4", "--batch-size", "4",
            "--out", dir.Path, "--json");
        Assert.True(r.Exit == 0, r.Err);
        using JsonDocument doc = JsonDocument.Parse(r.Out.Trim().Split('\n')[^1]);
        JsonElement o = doc.RootElement;
        Assert.Equal(new[] { "ants", "bees" }, o.GetProperty("classes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(512 * 2 + 2, o.GetProperty("trainable_parameters").GetInt64());   // only the new head trains
        Assert.True(File.Exists(o.GetProperty("checkpoint").GetString()));
    }
}
