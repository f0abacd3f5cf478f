namespace ModelZoo.Cli.Tests;

public sealed class HelpTests
{
    [Fact]
    public async Task Root_help_lists_the_verbs()
    {
        var r = await CliRunner.RunAsync("--help");
        Assert.Equal(0, r.Exit);
        foreach (string verb in new[] { "train", "evaluate", "models" }) Assert.Contains(verb, r.Out);
    }

    [Fact]
    public async Task Train_help_documents_every_option_with_defaults()
    {
        var r = await CliRunner.RunAsync("train", "--help");
        Assert.Equal(0, r.Exit);
        foreach (string option in new[] { "--model", "--dataset", "--data-dir", "--train-range", "--eval-range", "--epochs", "--batch-size", "--lr", "--optimizer", "--seed", "--out", "--json" })
            Assert.Contains(option, r.Out);
        Assert.Contains("lenet5", r.Out);
    }

    [Fact]
    public async Task Models_json_lists_registered_names()
    {
        var r = await CliRunner.RunAsync("models", "--json");
        Assert.Equal(0, r.Exit);
        using var doc = System.Text.Json.JsonDocument.Parse(r.Out);
        string[] names = doc.RootElement.EnumerateArray().Select(e => e.GetProperty("name").GetString()!).ToArray();
        Assert.Contains("lenet5", names);
        Assert.Contains("lenet5-classic", names);
    }
}
