using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace ModelZoo.Training.Tests.Notebooks;

/// <summary>Keeps notebooks true to the code: every C# cell of every notebook compiles, as a chain of script
/// submissions (like the notebook kernel), against the current ModelZoo assemblies.</summary>
public sealed class NotebookCompileTests
{
    public static IEnumerable<object[]> Notebooks() =>
        Directory.GetFiles(Path.Combine(RepoPaths.Root, "notebooks"), "*.ipynb").Select(p => new object[] { Path.GetFileName(p) });

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Every_code_cell_compiles_against_the_current_api(string notebook)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "notebooks", notebook)));
        string[] cells = doc.RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("cell_type").GetString() == "code")
            .Select(c => string.Concat(c.GetProperty("source").EnumerateArray().Select(s => s.GetString())))
            .Select(code => string.Join('\n', code.Split('\n').Where(l => !l.TrimStart().StartsWith("#r ", StringComparison.Ordinal))))
            .Where(code => code.Trim().Length > 0)
            .ToArray();
        Assert.NotEmpty(cells);

        ScriptOptions options = ScriptOptions.Default
            .AddReferences(typeof(Models.Zoo).Assembly, typeof(Data.Loading.DataLoader).Assembly, typeof(Trainer).Assembly,
                typeof(TorchSharp.torch).Assembly)
            .AddImports("System", "System.Linq", "System.Collections.Generic");
        Script? script = null;
        foreach (string cell in cells)
        {
            script = script is null ? CSharpScript.Create(cell, options) : script.ContinueWith(cell, options);
            Diagnostic[] errors = script.Compile().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
            Assert.True(errors.Length == 0, $"{notebook}: cell does not compile:\n{cell}\n{string.Join("\n", errors.Select(e => e.ToString()))}");
        }
    }
}
