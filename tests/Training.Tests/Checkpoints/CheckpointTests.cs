using ModelZoo.Models;
using ModelZoo.Training.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Training.Tests.Checkpoints;

public sealed class CheckpointTests
{
    private static CheckpointInfo Info(ModelOptions o) => new()
    {
        Model = "lenet5", Options = o, Epoch = 3, Classes = Enumerable.Range(0, 7).Select(i => $"c{i}").ToArray(),
        Mean = new[] { 0.1307 }, Std = new[] { 0.3081 }, Metrics = new Dictionary<string, double> { ["eval_accuracy"] = 0.5 },
    };

    [Fact]
    public void Save_then_load_gives_identical_outputs_and_metadata()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        var options = new ModelOptions { NumClasses = 7, InputSize = 28, Seed = 11 };
        using ImageClassifier model = Zoo.Create("lenet5", options);
        model.eval();
        using Tensor x = torch.randn(4, 1, 28, 28);
        using Tensor before = model.call(x);
        string path = dir.File("sub/model.ckpt");
        Checkpoint.Save(model, Info(options), path);

        (ImageClassifier loaded, CheckpointInfo info) = Checkpoint.Load(path);
        using (loaded)
        {
            loaded.eval();
            using Tensor after = loaded.call(x);
            Assert.True(before.allclose(after, 0, 0), "reloaded model must give bit-identical logits");
            Assert.Equal(3, info.Epoch);
            Assert.Equal(7, info.Classes!.Count);
            Assert.Equal(options, info.Options);
            Assert.Equal(0.5, info.Metrics!["eval_accuracy"]);
        }
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }

    [Fact]
    public void Corrupt_or_foreign_files_give_clear_errors()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        File.WriteAllText(dir.File("x.ckpt"), "PK this is a zip, not ours");
        Assert.Contains("not a ModelZoo checkpoint", Assert.Throws<InvalidDataException>(() => Checkpoint.Load(dir.File("x.ckpt"))).Message);

        var options = new ModelOptions { NumClasses = 7, InputSize = 28 };
        using ImageClassifier model = Zoo.Create("lenet5", options);
        Checkpoint.Save(model, Info(options), dir.File("good.ckpt"));
        byte[] bytes = File.ReadAllBytes(dir.File("good.ckpt"));
        File.WriteAllBytes(dir.File("cut.ckpt"), bytes[..(bytes.Length / 2)]);
        Assert.Throws<InvalidDataException>(() => Checkpoint.Load(dir.File("cut.ckpt")));
        Assert.Throws<FileNotFoundException>(() => Checkpoint.Load(dir.File("missing.ckpt")));
    }

    [Fact]
    public void A_failed_save_keeps_the_previous_checkpoint()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        var options = new ModelOptions { NumClasses = 7, InputSize = 28 };
        using ImageClassifier model = Zoo.Create("lenet5", options);
        string path = dir.File("model.ckpt");
        Checkpoint.Save(model, Info(options), path);
        byte[] good = File.ReadAllBytes(path);
        CheckpointInfo diverged = Info(options) with { Metrics = new Dictionary<string, double> { ["loss"] = double.NaN } };
        Assert.Throws<IOException>(() => Checkpoint.Save(model, diverged, path, null, null, () => throw new IOException("disk full")));
        Assert.Equal(good, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(dir.Path));
        Checkpoint.Save(model, diverged, path);
        Assert.True(double.IsNaN(Checkpoint.ReadInfo(path).Metrics!["loss"]));
    }
}
