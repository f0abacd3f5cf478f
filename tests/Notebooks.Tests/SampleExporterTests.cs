using Microsoft.CodeAnalysis;
using ModelZoo.NotebookRunner;

namespace ModelZoo.Notebooks.Tests;

/// <summary>A notebook becomes a file-based app: Markdown as comments, references as #: directives, usings on top,
/// trailing expressions displayed, types at the end; the result compiles as a program.</summary>
public sealed class SampleExporterTests
{
    [Fact]
    public void A_notebook_exports_to_a_file_based_app_that_compiles()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        string path = TestNotebook.Write(dir.File("07-demo.ipynb"),
            ("md", "# Demo\nTwo lines."),
            ("cs", "#r \"nuget: ModelZoo.Models, 0.1.0\"\n#r \"nuget: libtorch-cpu-linux-x64, 2.10.0\"\n#r \"nuget: Humanizer.Core, 2.14.1\""),
            ("cs", "// parameters\nvar n = 3;"),
            ("cs", "using ModelZoo.Models;\n// the registry\nvar names = Zoo.Names;\nnames.Count + n"),
            ("cs", "record Point(int X, int Y);\nvar p = new Point(1, 2);\ndisplay(p);"));

        string sample = SampleExporter.Export(NotebookFile.Read(path), "notebooks/07-demo.ipynb", "samples/07-demo.cs", RepoPaths.Root);

        string[] lines = sample.Split('\n');
        Assert.Contains("#:project ../src/Models/ModelZoo.Models.csproj", lines);
        Assert.Contains("#:project ../src/Interactive/ModelZoo.Interactive.csproj", lines);
        Assert.Contains("#:package Humanizer.Core@2.14.1", lines);
        Assert.DoesNotContain(lines, l => l.Contains("libtorch", StringComparison.Ordinal) && l.StartsWith("#:", StringComparison.Ordinal));
        Assert.Contains("#:property UsesTorchRuntime=true", lines);
        Assert.Contains("// # Demo", lines);
        Assert.Contains("// Two lines.", lines);
        Assert.Contains("display(names.Count + n);", lines);
        int usingLine = Array.IndexOf(lines, "using ModelZoo.Models;");
        Assert.True(usingLine > 0 && usingLine < Array.IndexOf(lines, "var n = 3;"), "usings move above the code");
        Assert.True(Array.IndexOf(lines, "record Point(int X, int Y);") > Array.IndexOf(lines, "display(p);"), "types move after the statements");

        var references = new[] { typeof(ModelZoo.Models.Zoo), typeof(ModelZoo.Interactive.ConsoleDisplay), typeof(TorchSharp.torch) }
            .Select(t => (MetadataReference)MetadataReference.CreateFromFile(t.Assembly.Location));
        Assert.Empty(SampleCompiler.Check(sample.Replace("#:package Humanizer.Core@2.14.1", ""), "samples/07-demo.cs", references));
    }

    [Fact]
    public void A_sample_that_would_not_build_is_reported_with_its_diagnostics()
    {
        var references = new[] { typeof(ModelZoo.Interactive.ConsoleDisplay), typeof(TorchSharp.torch) }
            .Select(t => (MetadataReference)MetadataReference.CreateFromFile(t.Assembly.Location));
        // Nullable warnings are errors in this repository's builds, so they are here too.
        IReadOnlyList<string> problems = SampleCompiler.Check("string? s = null;\nConsole.WriteLine(s.Length);\n", "samples/x.cs", references);
        Assert.Contains(problems, p => p.Contains("CS8602", StringComparison.Ordinal) && p.StartsWith("samples/x.cs(2,", StringComparison.Ordinal));
    }
}
