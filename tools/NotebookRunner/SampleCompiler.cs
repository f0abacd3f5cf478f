using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ModelZoo.NotebookRunner;

/// <summary>
/// Compiles an exported sample the way <c>dotnet run</c> would build it in this repository (a console program,
/// nullable enabled, the SDK's implicit usings, warnings as errors) against the assemblies the notebook's kernel used,
/// so a sample that would not build is caught in the same run as its notebook.
/// </summary>
public static class SampleCompiler
{
    private const string ImplicitUsings = "global using System; global using System.Collections.Generic; global using System.IO; " +
        "global using System.Linq; global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;";

    /// <summary>Errors and warnings of compiling <paramref name="source"/> (empty when it builds cleanly).</summary>
    public static IReadOnlyList<string> Check(string source, string samplePath, IEnumerable<MetadataReference> references)
    {
        // '#:' directives are for the SDK; blank them so line numbers still match the file.
        string program = string.Join("\n", source.Split('\n').Select(l => l.StartsWith("#:", StringComparison.Ordinal) ? "" : l));
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = new[]
        {
            CSharpSyntaxTree.ParseText(program, options, samplePath),
            CSharpSyntaxTree.ParseText(ImplicitUsings, options, "ImplicitUsings.g.cs"),
        };
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
        var all = references.Concat(platform)
            .GroupBy(r => Path.GetFileName(r.Display ?? ""), StringComparer.OrdinalIgnoreCase).Select(g => g.First());
        var compilation = CSharpCompilation.Create("Sample", trees, all, new CSharpCompilationOptions(OutputKind.ConsoleApplication,
            nullableContextOptions: NullableContextOptions.Enable, generalDiagnosticOption: ReportDiagnostic.Error));
        return compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error || d.Severity == DiagnosticSeverity.Warning && d.WarningLevel <= 4)
            .Where(d => d.Id is not ("CS8019" or "CS1591" or "CS1701" or "CS1702"))   // as the SDK: unused usings, missing XML docs, assembly unification
            .Select(d => d.ToString())
            .ToArray();
    }
}
