using Microsoft.CodeAnalysis;

namespace ModelZoo.Training.Tests.Notebooks;

/// <summary>Keeps the README true to the code: every ```csharp block of README.md compiles against the current assemblies.
/// (The notebooks are checked in tests/Notebooks.Tests: their file-based exports compile, and .ci/run executes them.)</summary>
public sealed class NotebookCompileTests
{
    [Fact]
    public void Every_csharp_block_of_the_readme_compiles()
    {
        string readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        string[] blocks = System.Text.RegularExpressions.Regex.Matches(readme, "```csharp\n(.*?)```", System.Text.RegularExpressions.RegexOptions.Singleline)
            .Select(m => m.Groups[1].Value).ToArray();
        Assert.True(blocks.Length >= 2, "README should show the C# API");
        // The blocks read as one program with top-level statements: namespace imports go first.
        string[] lines = string.Join("\n", blocks).Split('\n');
        var import = new System.Text.RegularExpressions.Regex(@"^using [A-Za-z0-9_.]+;\s*$");
        // A new console project's implicit usings, as a user pasting the snippets would have.
        const string implicitUsings = "global using System; global using System.Collections.Generic; global using System.IO; " +
            "global using System.Linq; global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;\n";
        string program = implicitUsings + string.Join("\n", lines.Where(l => import.IsMatch(l)).Distinct())
            + "\n" + string.Join("\n", lines.Where(l => !import.IsMatch(l)));
        var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(program);
        string[] platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = platform.Concat(new[] { typeof(global::ModelZoo.Core.Preprocessing.InferencePreset).Assembly.Location,
                typeof(Models.Zoo).Assembly.Location, typeof(Data.Loading.DataLoader).Assembly.Location,
                typeof(Trainer).Assembly.Location, typeof(TorchSharp.torch).Assembly.Location, typeof(global::ModelZoo.Cam.CamBase).Assembly.Location })
            .Distinct().Select(p => MetadataReference.CreateFromFile(p));
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("ReadmeSnippets", new[] { tree }, references,
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        Diagnostic[] errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(errors.Length == 0, $"README C# does not compile:\n{program}\n{string.Join("\n", errors.Select(e => e.ToString()))}");
    }
}
