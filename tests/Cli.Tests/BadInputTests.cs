namespace ModelZoo.Cli.Tests;

/// <summary>Bad input: one line naming the problem on stderr, non-zero exit, no stack trace.</summary>
public sealed class BadInputTests
{
    private static void AssertOneLineError((int Exit, string Out, string Err) r, params string[] mustContain)
    {
        Assert.NotEqual(0, r.Exit);
        string[] lines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr, got:\n{r.Err}");
        Assert.StartsWith("modelzoo: error: ", lines[0]);
        Assert.DoesNotContain("   at ", r.Err);
        foreach (string s in mustContain) Assert.Contains(s, lines[0]);
    }

    [Fact]
    public async Task Unknown_model_names_close_matches()
    {
        var r = await CliRunner.RunAsync("train", "--model", "lenet", "--epochs", "1");
        AssertOneLineError(r, "Unknown model 'lenet'", "lenet5");
        Assert.Equal(CliApp.UsageError, r.Exit);
    }

    [Fact]
    public async Task Missing_data_directory_is_named()
    {
        string dir = Path.Combine(Path.GetTempPath(), "modelzoo-no-such-dir-" + Guid.NewGuid().ToString("N"));
        var r = await CliRunner.RunAsync("train", "--dataset", "mnist", "--data-dir", dir, "--epochs", "1");
        AssertOneLineError(r, "Data directory not found", dir);
        Assert.False(Directory.Exists(dir));
    }

    [Theory]
    [InlineData("wrong-magic")]
    [InlineData("truncated")]
    public async Task Corrupt_idx_files_are_reported_with_the_file(string damage)
    {
        using TempDir dir = RepoPaths.NewTempDir();
        byte[] labels = { 0, 0, 8, 1, 0, 0, 0, 2, 3, 4 };
        byte[] images = new byte[] { 0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 28, 0, 0, 0, 28 }.Concat(new byte[2 * 784]).ToArray();
        if (damage == "wrong-magic") images[3] = 1; else images = images[..500];
        File.WriteAllBytes(dir.File("t10k-images-idx3-ubyte"), images);
        File.WriteAllBytes(dir.File("t10k-labels-idx1-ubyte"), labels);
        var r = await CliRunner.RunAsync("train", "--dataset", "mnist", "--data-dir", dir.Path, "--epochs", "1");
        AssertOneLineError(r, "t10k-images-idx3-ubyte", damage == "wrong-magic" ? "magic" : "truncated");
    }

    [Theory]
    [InlineData("train", "--epochs", "zero")]
    [InlineData("train", "--epochs", "0")]
    [InlineData("train", "--batch-size", "-4")]
    [InlineData("train", "--lr", "0")]
    [InlineData("train", "--workers", "-1")]
    [InlineData("finetune", "--model", "lenet5", "--weights", "DEFAULT", "--epochs", "0")]
    [InlineData("train", "--optimizer", "adagrad")]
    [InlineData("train", "--train-range", "10:5")]
    [InlineData("evaluate", "--model", "lenet5")]
    [InlineData("frobnicate")]
    public async Task Malformed_arguments_give_a_usage_error(params string[] args)
    {
        var r = await CliRunner.RunAsync(args);
        AssertOneLineError(r);
        Assert.Equal(CliApp.UsageError, r.Exit);
    }

    [Fact]
    public async Task Out_of_range_ranges_name_the_split_size()
    {
        var r = await CliRunner.RunAsync("train", "--train-range", "0:20000", "--epochs", "1");
        AssertOneLineError(r, "0:20000", "10000");
    }

    [Fact]
    public async Task Evaluate_with_a_missing_weights_file_names_it()
    {
        var r = await CliRunner.RunAsync("evaluate", "--model", "lenet5", "--weights", "/nonexistent/x.ckpt", "--dataset", "synthetic");
        AssertOneLineError(r, "/nonexistent/x.ckpt");
    }
}
