using System.Text.Json;

namespace ModelZoo.Cli.Tests;

/// <summary>Runs the CLI in-process with captured stdout and stderr.</summary>
internal static class CliRunner
{
    public static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = await CliApp.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs a verb given <c>--json</c>, asserts exit code 0 (showing stderr otherwise) and returns the JSON object.</summary>
    public static async Task<JsonElement> JsonAsync(params string[] args)
    {
        var (exit, output, error) = await RunAsync(args);
        Assert.True(exit == 0, error);
        using JsonDocument doc = JsonDocument.Parse(output);
        return doc.RootElement.Clone();
    }
}
