using System.Text.Json;

namespace ModelZoo.Cli.Tests;

public sealed class FinetuneCommandTests
{
    private static string LeNet => RepoPaths.SharedData("checkpoints", "fyh620-lenet", "lenet.pth");

    [Fact]
    public async Task Json_reports_a_frozen_backbone_and_the_checkpoint_evaluates_to_the_same_accuracy()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        var r = await CliRunner.RunAsync("finetune", "--model", "lenet5", "--input-size", "28", "--weights", LeNet,
            "--dataset", "synthetic", "--train-range", "0:256", "--eval-range", "9000:9256", "--epochs", "1", "--lr", "0.05",
            "--out", dir.Path, "--device", "cpu", "--json");
        Assert.True(r.Exit == 0, r.Err);
        JsonElement o = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal("lenet5", o.GetProperty("model").GetString());
        Assert.Equal(Path.GetFullPath(LeNet), o.GetProperty("weights").GetString());
        int classes = o.GetProperty("classes").GetArrayLength();
        Assert.True(classes > 1);
        Assert.Equal(84 * classes + classes, o.GetProperty("trainable_parameters").GetInt64());   // only the new fc3
        Assert.Equal(256, o.GetProperty("train_items").GetInt32());
        Assert.Equal(256, o.GetProperty("eval_items").GetInt32());
        Assert.Equal("backbone", o.GetProperty("freeze").GetString());
        Assert.InRange(o.GetProperty("eval_accuracy").GetDouble(), 0, 1);
        string checkpoint = o.GetProperty("checkpoint").GetString()!;
        Assert.True(File.Exists(checkpoint));

        var e = await CliRunner.RunAsync("evaluate", "--model", "lenet5", "--weights", checkpoint, "--dataset", "synthetic",
            "--eval-range", "9000:9256", "--json");
        Assert.True(e.Exit == 0, e.Err);
        Assert.Equal(o.GetProperty("eval_accuracy").GetDouble(), JsonDocument.Parse(e.Out).RootElement.GetProperty("accuracy").GetDouble(), 5);

        // A fine-tuned checkpoint is a starting point too: keep two classes, train everything.
        var again = await CliRunner.RunAsync("finetune", "--model", "lenet5", "--weights", checkpoint, "--dataset", "synthetic",
            "--classes", "1,0", "--train-range", "0:512", "--eval-range", "9000:9512", "--freeze", "none", "--epochs", "1",
            "--out", dir.File("second"), "--json");
        Assert.True(again.Exit == 0, again.Err);
        JsonElement a = JsonDocument.Parse(again.Out).RootElement;
        Assert.Equal(2, a.GetProperty("classes").GetArrayLength());
        Assert.Equal(a.GetProperty("total_parameters").GetInt64(), a.GetProperty("trainable_parameters").GetInt64());
        Assert.True(a.GetProperty("train_items").GetInt32() is > 0 and < 512);
    }

    [Fact]
    public async Task Image_folder_with_train_and_val_replaces_a_thousand_class_head()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        var r = await CliRunner.RunAsync("finetune", "-m", "lenet5", "--in-channels", "3", "-w", RepoPaths.Fixtures("pretrained", "lenet_rgb1000.pth"),
            "-d", "imagefolder", "--data-dir", RepoPaths.SharedData("imagefolder", "hymenoptera-mini"), "--epochs", "1", "--batch-size", "8",
            "--out", dir.Path, "--json");
        Assert.True(r.Exit == 0, r.Err);
        JsonElement o = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal(new[] { "ants", "bees" }, o.GetProperty("classes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal((20, 10), (o.GetProperty("train_items").GetInt32(), o.GetProperty("eval_items").GetInt32()));
        Assert.Equal(84 * 2 + 2, o.GetProperty("trainable_parameters").GetInt64());
        Assert.True(File.Exists(o.GetProperty("checkpoint").GetString()));
    }

    [Fact]
    public async Task Freeze_list_and_errors()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        var r = await CliRunner.RunAsync("finetune", "-m", "lenet5", "--input-size", "28", "-w", LeNet, "-d", "synthetic",
            "--train-range", "0:64", "--eval-range", "9000:9064", "--freeze", "conv1,conv2", "--epochs", "1", "--out", dir.Path, "--json");
        Assert.True(r.Exit == 0, r.Err);
        JsonElement o = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal(o.GetProperty("total_parameters").GetInt64() - (6 * 25 + 6) - (16 * 6 * 25 + 16), o.GetProperty("trainable_parameters").GetInt64());

        var bad = await CliRunner.RunAsync("finetune", "-m", "lenet5", "--input-size", "28", "-w", LeNet, "-d", "synthetic",
            "--freeze", "conv9", "--epochs", "1", "--out", dir.Path);
        Assert.Equal(CliApp.UsageError, bad.Exit);
        Assert.Contains("conv1, conv2, fc1, fc2, fc3", bad.Err);

        var noDir = await CliRunner.RunAsync("finetune", "-m", "resnet18", "-w", LeNet);
        Assert.Equal(CliApp.UsageError, noDir.Exit);
        Assert.Contains("--data-dir", noDir.Err);
    }
}
