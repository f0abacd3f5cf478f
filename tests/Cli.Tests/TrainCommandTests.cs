using System.Text.Json;

namespace ModelZoo.Cli.Tests;

public sealed class TrainCommandTests
{
    [Fact]
    public async Task Train_json_prints_one_object_with_the_documented_fields_and_a_loadable_checkpoint()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        JsonElement o = await CliRunner.JsonAsync("train", "--epochs", "1", "--train-range", "0:512", "--eval-range", "9000:9256",
            "--out", dir.Path, "--json", "--device", "cpu");
        Assert.Equal("lenet5", o.GetProperty("model").GetString());
        Assert.Equal(1, o.GetProperty("epochs").GetInt32());
        Assert.InRange(o.GetProperty("eval_accuracy").GetDouble(), 0, 1);
        Assert.True(o.GetProperty("train_loss").GetDouble() > 0);
        Assert.True(o.GetProperty("seconds").GetDouble() > 0);
        string checkpoint = o.GetProperty("checkpoint").GetString()!;
        Assert.True(File.Exists(checkpoint));

        JsonElement ev = await CliRunner.JsonAsync("evaluate", "--model", "lenet5", "--weights", checkpoint, "--dataset", "synthetic",
            "--eval-range", "9000:9256", "--json");
        Assert.Equal(256, ev.GetProperty("count").GetInt32());
        Assert.Equal(o.GetProperty("eval_accuracy").GetDouble(), ev.GetProperty("accuracy").GetDouble(), 5);
    }
}
