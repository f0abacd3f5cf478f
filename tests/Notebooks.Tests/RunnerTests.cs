using System.Text.Json;
using ModelZoo.NotebookRunner;

namespace ModelZoo.Notebooks.Tests;

/// <summary>The runner executes cells in one real C# kernel, stops at a failing cell naming notebook, cell and error,
/// applies parameter overrides after the parameters cell, and stores outputs as Jupyter outputs.</summary>
public sealed class RunnerTests
{
    [Fact]
    public async Task A_compile_error_fails_the_run_naming_notebook_cell_and_error_and_leaves_the_file_untouched()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        string path = TestNotebook.Write(dir.File("broken.ipynb"),
            ("md", "# A notebook with a broken cell"),
            ("cs", "var x = 1;"),
            ("md", "The next cell assigns a string to an int."),
            ("cs", "int y = \"not a number\";"),
            ("cs", "Console.WriteLine(\"never runs\");"));
        string before = File.ReadAllText(path);

        var e = await Assert.ThrowsAsync<NotebookCellException>(() => NotebookExecutor.RunAsync(path, new NotebookRunOptions { WriteOutputs = true }));

        Assert.Equal(4, e.Cell);
        Assert.Equal(path, e.Notebook);
        Assert.Contains("CS0029", e.Error);
        Assert.Equal($"{path}: cell 4 failed: {e.Error}", e.Message);
        Assert.Equal(before, File.ReadAllText(path));
    }

    [Fact]
    public async Task An_exception_fails_the_run_through_the_command_line_with_exit_code_1_and_one_line_naming_the_cell()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        string path = TestNotebook.Write(dir.File("throws.ipynb"),
            ("cs", "var data = new[] { 1, 2, 3 };"),
            ("cs", "throw new InvalidOperationException(\"the data set is empty\");"));
        var output = new StringWriter();
        var error = new StringWriter();
        RunnerCommand command = RunnerCommand.Parse(new[] { "run", path, "--no-samples" });

        int exit = await new RunnerApp(command, dir.Path, output, error).RunAsync();

        Assert.Equal(1, exit);
        string first = error.ToString().Split('\n')[0];
        Assert.Equal("notebook-runner: throws.ipynb: cell 2 failed: System.InvalidOperationException: the data set is empty", first);
        Assert.Contains("notebooks: 0 passed, 1 failed", output.ToString());
    }

    [Fact]
    public async Task Overrides_apply_after_the_parameters_cell_and_update_mode_stores_outputs_as_jupyter_outputs()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        string png = typeof(ModelZoo.Interactive.PngImage).Assembly.Location, torch = typeof(TorchSharp.torch).Assembly.Location;
        string path = TestNotebook.Write(dir.File("params.ipynb"),
            ("md", "# Parameters"),
            ("cs", "// parameters\nvar n = 2;\nvar label = \"default\";"),
            ("cs", "Console.WriteLine($\"label={label}\");\nn * 10"),
            ("cs", $"#r \"{torch}\"\n#r \"{png}\"\nusing ModelZoo.Interactive;\nNotebookFormatters.Register();\n" +
                   "display(TensorImage.ToPng(TorchSharp.torch.zeros(4, 4), caption: \"zeros\"));\n" +
                   "new HtmlTable(new[] { \"a\" }, new[] { new object?[] { 1 } })"));

        NotebookResult result = await NotebookExecutor.RunAsync(path, new NotebookRunOptions
        {
            Parameters = new Dictionary<string, string> { ["n"] = "5", ["label"] = "\"ci\"" },
            WriteOutputs = true,
        });

        Assert.Equal(new[] { 2, 3, 4 }, result.Cells.Select(c => c.Cell));
        using JsonDocument nb = JsonDocument.Parse(File.ReadAllText(path));
        JsonElement[] cells = nb.RootElement.GetProperty("cells").EnumerateArray().ToArray();
        Assert.Equal(JsonValueKind.Array, cells[1].GetProperty("outputs").ValueKind);
        Assert.Equal("// parameters\nvar n = 2;\nvar label = \"default\";", Source(cells[1]));   // the notebook keeps its own values
        JsonElement[] outputs = cells[2].GetProperty("outputs").EnumerateArray().ToArray();
        Assert.Equal("stream", outputs[0].GetProperty("output_type").GetString());
        Assert.Equal("label=ci\n", Text(outputs[0].GetProperty("text")));
        Assert.Equal("execute_result", outputs[1].GetProperty("output_type").GetString());
        Assert.Equal("50", Text(outputs[1].GetProperty("data").GetProperty("text/plain")));
        Assert.Equal(2, cells[2].GetProperty("execution_count").GetInt32());
        JsonElement[] rich = cells[3].GetProperty("outputs").EnumerateArray().ToArray();
        byte[] image = Convert.FromBase64String(Text(rich[0].GetProperty("data").GetProperty("image/png")));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, image[..4]);
        Assert.False(rich[0].GetProperty("data").TryGetProperty("text/html", out _));   // the image is stored once, as a Jupyter image
        Assert.StartsWith("<table>", Text(rich[1].GetProperty("data").GetProperty("text/html")));
        Assert.DoesNotContain("<style>", File.ReadAllText(path));
        Assert.Equal("label=\"ci\"; n=5", nb.RootElement.GetProperty("metadata").GetProperty(NotebookExecutor.OverridesMetadataKey).GetString());

        await NotebookExecutor.RunAsync(path, new NotebookRunOptions { WriteOutputs = true });      // its own parameters: a full run
        using JsonDocument full = JsonDocument.Parse(File.ReadAllText(path));
        Assert.False(full.RootElement.GetProperty("metadata").TryGetProperty(NotebookExecutor.OverridesMetadataKey, out _));
        Assert.Equal("20", Text(full.RootElement.GetProperty("cells")[2].GetProperty("outputs")[1].GetProperty("data").GetProperty("text/plain")));
    }

    [Fact]
    public void An_override_of_an_undeclared_parameter_is_an_error_listing_the_declared_ones()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        string path = TestNotebook.Write(dir.File("p.ipynb"), ("cs", "// parameters\nvar epochs = 10;\nint batch = 64;"));
        var doc = NotebookFile.Read(path);

        var e = Assert.Throws<ArgumentException>(() =>
            ParametersCell.OverrideCode(path, doc.Elements[ParametersCell.Find(doc)!.Value], new Dictionary<string, string> { ["epoch"] = "1" }));

        Assert.Equal($"{path}: parameter 'epoch' is not declared in its parameters cell; it declares: epochs, batch.", e.Message);
    }

    private static string Source(JsonElement cell) => Text(cell.GetProperty("source"));

    private static string Text(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? string.Concat(value.EnumerateArray().Select(v => v.GetString())) : value.GetString()!;
}
