using System.Text.Json;
using ModelZoo.Training.Checkpoints;

namespace ModelZoo.Cli.Tests;

/// <summary>`--dataset cifar10` on a CIFAR-10 binary distribution written here: five data batches of 8 random images,
/// a test batch of 16 and batches.meta.txt, each record 1 label byte + 3072 pixel bytes.</summary>
public sealed class CifarCommandTests
{
    private static readonly string[] s_classes = Enumerable.Range(0, 10).Select(i => $"kind{i}").ToArray();

    private static void WriteCifar10Binary(string directory, int perBatch = 8, int test = 16)
    {
        var rng = new Random(17);
        byte[] Records(int count)
        {
            var bytes = new byte[count * 3073];
            rng.NextBytes(bytes);
            for (int i = 0; i < count; i++) bytes[i * 3073] = (byte)rng.Next(10);
            return bytes;
        }
        for (int b = 1; b <= 5; b++) File.WriteAllBytes(Path.Combine(directory, $"data_batch_{b}.bin"), Records(perBatch));
        File.WriteAllBytes(Path.Combine(directory, "test_batch.bin"), Records(test));
        File.WriteAllLines(Path.Combine(directory, "batches.meta.txt"), s_classes.Append(""));
    }

    [Fact]
    public async Task Resnet20_cifar_trains_on_the_binary_batches_and_the_ranges_select_from_each_split()
    {
        using TempDir data = RepoPaths.NewTempDir(), outDir = RepoPaths.NewTempDir();
        WriteCifar10Binary(data.Path);
        JsonElement all = await CliRunner.JsonAsync("train", "--model", "resnet20-cifar", "--dataset", "cifar10", "--data-dir", data.Path,
            "--epochs", "1", "--batch-size", "16", "--out", outDir.Path, "--device", "cpu", "--json");
        Assert.Equal(("resnet20-cifar", "cifar10", 1), (all.GetProperty("model").GetString(), all.GetProperty("dataset").GetString(), all.GetProperty("epochs").GetInt32()));
        Assert.InRange(all.GetProperty("eval_accuracy").GetDouble(), 0, 1);
        string checkpoint = all.GetProperty("checkpoint").GetString()!;
        Assert.Equal(Path.Combine(outDir.Path, "resnet20-cifar-cifar10.ckpt"), checkpoint);
        CheckpointInfo info = Checkpoint.ReadInfo(checkpoint);
        Assert.Equal(s_classes, info.Classes);                      // names from batches.meta.txt
        Assert.Equal(new[] { 32, 32 }, info.ImageSize);
        Assert.Equal((10, 3), (info.Options.NumClasses, info.Options.InChannels));
        Assert.Contains("\"samples\":40", File.ReadAllText(Path.Combine(outDir.Path, "resnet20-cifar-cifar10", "metrics.jsonl")));   // all five data batches

        JsonElement ranged = await CliRunner.JsonAsync("train", "--model", "resnet20-cifar", "--dataset", "cifar10", "--data-dir", data.Path,
            "--train-range", "8:32", "--eval-range", "4:12", "--epochs", "1", "--batch-size", "16", "--out", outDir.Path, "--device", "cpu", "--json");
        string rangedCheckpoint = ranged.GetProperty("checkpoint").GetString()!;
        Assert.Contains("\"samples\":24", File.ReadAllText(Path.Combine(Path.ChangeExtension(rangedCheckpoint, null), "metrics.jsonl")));
        JsonElement evaluated = await CliRunner.JsonAsync("evaluate", "--model", "resnet20-cifar", "--weights", rangedCheckpoint,
            "--dataset", "cifar10", "--data-dir", data.Path, "--eval-range", "4:12", "--json");
        Assert.Equal(8, evaluated.GetProperty("count").GetInt32());   // items 4..11 of the test batch
        Assert.Equal(ranged.GetProperty("eval_accuracy").GetDouble(), evaluated.GetProperty("accuracy").GetDouble(), 5);

        // finetune reaches CIFAR too: a new 2-class head on the trained network, items of those classes only.
        int LabelCount(string file, int label) => File.ReadAllBytes(Path.Combine(data.Path, file)).Where((_, i) => i % 3073 == 0).Count(l => l == label);
        int expectedTrain = Enumerable.Range(1, 5).Sum(b => LabelCount($"data_batch_{b}.bin", 1) + LabelCount($"data_batch_{b}.bin", 2));
        JsonElement tuned = await CliRunner.JsonAsync("finetune", "--model", "resnet20-cifar", "--weights", checkpoint, "--dataset", "cifar10",
            "--data-dir", data.Path, "--classes", "kind1,kind2", "--epochs", "1", "--out", outDir.Path, "--device", "cpu", "--json");
        Assert.Equal(new[] { "kind1", "kind2" }, tuned.GetProperty("classes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(expectedTrain, tuned.GetProperty("train_items").GetInt32());
        Assert.Equal(LabelCount("test_batch.bin", 1) + LabelCount("test_batch.bin", 2), tuned.GetProperty("eval_items").GetInt32());
        Assert.Equal(64 * 2 + 2, tuned.GetProperty("trainable_parameters").GetInt64());   // only the new fc

        var past = await CliRunner.RunAsync("train", "--model", "resnet20-cifar", "--dataset", "cifar10", "--data-dir", data.Path,
            "--eval-range", "0:17", "--epochs", "1", "--out", outDir.Path);
        Assert.Equal(CliApp.UsageError, past.Exit);
        Assert.Contains("which has 16 items", past.Err);
    }

    [Fact]
    public async Task A_truncated_batch_file_is_one_line_naming_the_file()
    {
        using TempDir data = RepoPaths.NewTempDir(), outDir = RepoPaths.NewTempDir();
        WriteCifar10Binary(data.Path);
        string batch = Path.Combine(data.Path, "data_batch_3.bin");
        byte[] bytes = File.ReadAllBytes(batch);
        File.WriteAllBytes(batch, bytes[..^100]);
        var r = await CliRunner.RunAsync("train", "--model", "resnet20-cifar", "--dataset", "cifar10", "--data-dir", data.Path,
            "--epochs", "1", "--out", outDir.Path);
        Assert.Equal(CliApp.UsageError, r.Exit);
        string[] lines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("modelzoo: error: ", lines[0]);
        Assert.Contains(batch, lines[0]);
        Assert.Contains("3073-byte records", lines[0]);
        Assert.Empty(Directory.GetFiles(outDir.Path));
    }
}
