using System.Text.Json;
using ModelZoo.Data;
using ModelZoo.Data.Catalog;
using ModelZoo.Data.Imaging;
using ModelZoo.Models;
using ModelZoo.Training.Checkpoints;
using ModelZoo.Training.Jobs;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Cli.Tests;

public sealed class PredictCheckpointTests
{
    [Fact]
    public async Task Predict_with_a_training_checkpoint_reproduces_the_training_preprocessing()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        string mnist = RepoPaths.SharedData("mnist");
        var t = await CliRunner.RunAsync("train", "--dataset", "mnist", "--data-dir", mnist, "--epochs", "1",
            "--train-range", "0:512", "--eval-range", "8000:8256", "--out", dir.Path, "--json", "--device", "cpu");
        Assert.True(t.Exit == 0, t.Err);
        string checkpoint = JsonDocument.Parse(t.Out).RootElement.GetProperty("checkpoint").GetString()!;

        (IClassificationDataset data, DatasetSpec spec) = DatasetCatalog.Open("mnist", mnist);
        ImageSample sample = data[0];
        string png = dir.File("digit.png");
        ImageEncoder.SavePng(sample.Image, png);

        var p = await CliRunner.RunAsync("predict", "--model", "lenet5", "--weights", checkpoint, "--image", png, "--topk", "10", "--json");
        Assert.True(p.Exit == 0, p.Err);
        JsonElement[] predictions = JsonDocument.Parse(p.Out).RootElement.GetProperty("predictions").EnumerateArray().ToArray();
        Assert.Equal(10, predictions.Length);
        Assert.All(predictions, e => Assert.Contains(" - ", e.GetProperty("label").GetString()));   // MNIST class names from the checkpoint

        (ImageClassifier model, CheckpointInfo info) = Checkpoint.Load(checkpoint);
        using (model)
        {
            model.eval();
            var transform = DataPipeline.Preprocessing(model, spec with { Mean = info.Mean!, Std = info.Std! });
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            Tensor x = ((Tensor)transform.Apply(sample.Image, new Random(0))).unsqueeze(0);
            float[] logits = model.call(x).squeeze(0).data<float>().ToArray();
            foreach (JsonElement e in predictions)
                Assert.Equal(logits[e.GetProperty("index").GetInt32()], e.GetProperty("logit").GetDouble(), 4);
        }
    }
}
