using System.Text.Json;

namespace ModelZoo.Cli.Tests;

public sealed class ImageFolderCommandTests
{
    private static string Hymenoptera => RepoPaths.SharedData("imagefolder", "hymenoptera-mini");

    [Theory]
    [InlineData("basic", "0")]
    [InlineData("trivialaugment", "2")]
    public async Task Train_on_an_image_folder_uses_train_and_val_subfolders(string augment, string workers)
    {
        using TempDir dir = RepoPaths.NewTempDir();
        JsonElement result = await CliRunner.JsonAsync("train", "--model", "lenet5", "--dataset", "imagefolder", "--data-dir", Hymenoptera,
            "--augment", augment, "--workers", workers, "--epochs", "1", "--batch-size", "5", "--out", dir.Path, "--json");
        string checkpoint = result.GetProperty("checkpoint").GetString()!;

        JsonElement ev = await CliRunner.JsonAsync("evaluate", "--model", "lenet5", "--weights", checkpoint, "--dataset", "imagefolder",
            "--data-dir", Hymenoptera, "--workers", workers, "--json");
        Assert.Equal(10, ev.GetProperty("count").GetInt32());   // val/: 5 ants + 5 bees
        Assert.Equal(result.GetProperty("eval_accuracy").GetDouble(), ev.GetProperty("accuracy").GetDouble(), 5);
    }

    [Fact]
    public async Task Unknown_augment_preset_is_a_usage_error()
    {
        var r = await CliRunner.RunAsync("train", "--augment", "mixup");
        Assert.Equal(CliApp.UsageError, r.Exit);
        Assert.Contains("mixup", r.Err);
    }
}
