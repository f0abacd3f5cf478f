using System.Text.Json;
using ModelZoo.Data.Imaging;
using ModelZoo.Models;
using ModelZoo.Models.Weights;
using ModelZoo.Training.Checkpoints;
using static TorchSharp.torch;

namespace ModelZoo.Cli.Tests;

/// <summary>`finetune` has the run options of `train`: bf16-mixed precision, a checkpoint re-saved every epoch, metrics
/// logs and curves, and --resume, which continues a fine-tune bit for bit (same head, frozen layers and classes).</summary>
[Collection(nameof(GlobalRngCollection))]
public sealed class FinetuneResumeCommandTests
{
    private static string LeNet => RepoPaths.SharedData("checkpoints", "fyh620-lenet", "lenet.pth");

    /// <summary>The real PyTorch LeNet (28×28) fine-tuned on 300 MNIST images of digits 5-9; conv1 frozen, so the head
    /// and the rest of the backbone train in two parameter groups.</summary>
    private static readonly string[] s_recipe =
    {
        "--model", "lenet5", "--input-size", "28", "--weights", LeNet, "--dataset", "mnist", "--classes", "5,6,7,8,9",
        "--freeze", "conv1", "--precision", "bf16-mixed", "--train-limit", "300",
    };

    private static readonly string[] s_data =
    {
        "--data-dir", RepoPaths.SharedData("mnist"), "--train-range", "0:8000", "--eval-range", "8000:8400",
        "--lr", "0.05", "--device", "cpu", "--json",
    };

    private static Task<JsonElement> Finetune(params string[] args) =>
        CliRunner.JsonAsync(new[] { "finetune" }.Concat(args).Concat(s_data).ToArray());

    [Fact]
    public async Task One_epoch_then_resume_equals_two_epochs_bit_for_bit_with_logs_and_curves()
    {
        using TempDir straightDir = RepoPaths.NewTempDir(), dir = RepoPaths.NewTempDir();
        JsonElement straight = await Finetune(s_recipe.Concat(new[] { "--epochs", "2", "--out", straightDir.Path }).ToArray());
        Assert.Equal(300, straight.GetProperty("train_items").GetInt32());
        Assert.Equal(2, straight.GetProperty("epochs").GetInt32());
        string straightCsv = straight.GetProperty("metrics_csv").GetString()!;
        Assert.Equal(Path.Combine(straightDir.Path, "lenet5-finetuned", "metrics.csv"), straightCsv);
        string[] straightRows = File.ReadAllLines(straightCsv);
        Assert.Equal(new[] { "1", "2" }, straightRows[1..].Select(r => r.Split(',')[0]));
        ImageBuffer plot = ImageDecoder.Decode(straight.GetProperty("plot").GetString()!);
        Assert.Equal((960, 400), (plot.Width, plot.Height));

        JsonElement first = await Finetune(s_recipe.Concat(new[] { "--epochs", "1", "--out", dir.Path }).ToArray());
        string checkpoint = first.GetProperty("checkpoint").GetString()!;
        CheckpointInfo afterOne = Checkpoint.ReadInfo(checkpoint);
        Assert.Equal(1, afterOne.Epoch);
        Assert.Equal("bf16-mixed", afterOne.Training!.Precision);
        Assert.Equal(new[] { "5", "6", "7", "8", "9" }, afterOne.Finetune!.Classes);
        Assert.Equal(("conv1", 300, Path.GetFullPath(LeNet)), (afterOne.Finetune.Freeze, afterOne.Finetune.TrainLimit, afterOne.Finetune.Weights));

        // Only the checkpoint and the data: model, weights, input size, classes, freeze, train limit, precision and seed come from it.
        JsonElement resumed = await Finetune("--resume", checkpoint, "--epochs", "2");
        Assert.Equal(checkpoint, resumed.GetProperty("checkpoint").GetString());
        Assert.Equal(first.GetProperty("trainable_parameters").GetInt64(), resumed.GetProperty("trainable_parameters").GetInt64());
        Assert.Single(Directory.GetFiles(dir.Path, "*.ckpt"));
        Assert.Equal(2, Checkpoint.ReadInfo(checkpoint).Epoch);
        string[] rows = File.ReadAllLines(resumed.GetProperty("metrics_csv").GetString()!);
        Assert.Equal(new[] { "1", "2" }, rows[1..].Select(r => r.Split(',')[0]));
        for (int i = 1; i <= 2; i++)   // train/eval loss and accuracy identical to the last digit
            Assert.Equal(straightRows[i].Split(',')[1..5], rows[i].Split(',')[1..5]);
        Assert.True(File.Exists(resumed.GetProperty("plot").GetString()));

        (ImageClassifier a, _) = Checkpoint.Load(straight.GetProperty("checkpoint").GetString()!);
        (ImageClassifier b, _) = Checkpoint.Load(checkpoint);
        using (a)
        using (b)
        {
            int compared = 0;
            foreach (((string name, Tensor x), (string other, Tensor y)) in a.state_dict().Zip(b.state_dict()))
            {
                Assert.Equal(name, other);
                Assert.True(x.eq(y).all().item<bool>(), $"{name} differs between the uninterrupted and the resumed fine-tune");
                compared++;
            }
            Assert.Equal(10, compared);
        }
        // The frozen layer is still the pretrained one; the rest of the backbone trained; the head is new.
        using TensorDict pretrained = WeightFile.ReadStateDict(LeNet);
        (ImageClassifier tuned, _) = Checkpoint.Load(checkpoint);
        using (tuned)
        {
            Dictionary<string, Tensor> state = tuned.state_dict();
            Assert.True(state["conv1.weight"].eq(pretrained["conv1.weight"]).all().item<bool>());
            Assert.False(state["conv2.weight"].eq(pretrained["conv2.weight"]).all().item<bool>());
            Assert.Equal(new long[] { 5, 84 }, state["fc3.weight"].shape);
        }
    }

    [Fact]
    public async Task Resume_rejects_a_different_recipe_and_the_other_verbs_checkpoints()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        string[] small = { "--train-limit", "64", "--out", dir.Path, "--epochs", "1" };
        JsonElement first = await Finetune(s_recipe.Where((_, i) => i < s_recipe.Length - 2).Concat(small).ToArray());
        string checkpoint = first.GetProperty("checkpoint").GetString()!;

        var freeze = await CliRunner.RunAsync(new[] { "finetune", "--resume", checkpoint, "--epochs", "2", "--freeze", "none" }.Concat(s_data).ToArray());
        Assert.Equal(CliApp.Failure, freeze.Exit);
        Assert.Contains("fine-tuned with --freeze 'conv1'", freeze.Err);
        var classes = await CliRunner.RunAsync(new[] { "finetune", "--resume", checkpoint, "--epochs", "2", "--classes", "5,6" }.Concat(s_data).ToArray());
        Assert.Contains("fine-tuned with --classes '5,6,7,8,9'", classes.Err);
        var train = await CliRunner.RunAsync("train", "--resume", checkpoint, "--epochs", "2");
        Assert.Contains("written by a fine-tune", train.Err);
        Assert.Contains("modelzoo finetune --resume", train.Err);

        var trained = await CliRunner.RunAsync("train", "--epochs", "1", "--train-range", "0:64", "--eval-range", "9000:9064", "--out", dir.Path, "--json");
        Assert.True(trained.Exit == 0, trained.Err);
        string trainCheckpoint = JsonDocument.Parse(trained.Out).RootElement.GetProperty("checkpoint").GetString()!;
        var asFinetune = await CliRunner.RunAsync("finetune", "--resume", trainCheckpoint, "--epochs", "2", "--dataset", "synthetic");
        Assert.Contains("written by 'modelzoo train'", asFinetune.Err);
        Assert.DoesNotContain("   at ", asFinetune.Err);

        var neither = await CliRunner.RunAsync("finetune", "--model", "lenet5", "--dataset", "synthetic");
        Assert.Equal(CliApp.UsageError, neither.Exit);
        Assert.Contains("'--weights' is required", neither.Err);
    }
}
