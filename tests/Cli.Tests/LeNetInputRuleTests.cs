using System.Text.Json;
using ModelZoo.Models;
using ModelZoo.Models.Weights.SafetensorsFormat;
using ModelZoo.Training.Checkpoints;

namespace ModelZoo.Cli.Tests;

/// <summary>The LeNet-5 input-size rule exists once (LeNetFamily's input rule), so `summary`, `train` and `evaluate`
/// build the same model for 28×28 data (issue 8; they used to disagree: train padded to 32, evaluate and summary used 28).</summary>
public sealed class LeNetInputRuleTests
{
    [Fact]
    public async Task Summary_train_and_evaluate_agree_on_lenet5_for_28x28_data()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        var t = await CliRunner.RunAsync("train", "--model", "lenet5", "--dataset", "synthetic", "--epochs", "1", "--batch-size", "32",
            "--train-range", "0:128", "--eval-range", "9000:9128", "--out", dir.Path, "--json", "--device", "cpu");
        Assert.True(t.Exit == 0, t.Err);
        using JsonDocument train = JsonDocument.Parse(t.Out);
        string checkpoint = train.RootElement.GetProperty("checkpoint").GetString()!;

        // train: built for the synthetic shapes' 28×28.
        (ImageClassifier trained, CheckpointInfo info) = Checkpoint.Load(checkpoint);
        long trainParams;
        string weights = dir.File("trained.safetensors");
        using (trained)
        {
            Assert.Equal(28, info.Options.InputSize);
            Assert.Equal((28, 28), trained.FixedInputSize);
            trainParams = trained.parameters().Sum(p => p.numel());
            Safetensors.Save(weights, trained.state_dict());
        }

        // summary: the model for 1x28x28 input is the same one.
        var s = await CliRunner.RunAsync("summary", "lenet5", "--input", "1x28x28", "--json");
        Assert.True(s.Exit == 0, s.Err);
        using JsonDocument summary = JsonDocument.Parse(s.Out);
        Assert.Equal(10, info.Options.NumClasses);   // the synthetic shapes' ten classes, summary's default too
        Assert.Equal(trainParams, summary.RootElement.GetProperty("params").GetInt64());
        Assert.Equal(61_706 - 144 * 120, trainParams);   // fc1 takes 16·4·4 = 256 features, not the 32×32 model's 400

        // evaluate: a plain state-dict file with no options is built by the same rule for the same data (strict loading
        // would name fc1.weight if it were not), and scores what training reported.
        JsonElement evaluate = await CliRunner.JsonAsync("evaluate", "--model", "lenet5", "--weights", weights, "--dataset", "synthetic",
            "--eval-range", "9000:9128", "--json");
        Assert.Equal(train.RootElement.GetProperty("eval_accuracy").GetDouble(), evaluate.GetProperty("accuracy").GetDouble(), 5);
    }
}
