using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ModelZoo.Onnx.Tests;

/// <summary>The README's ONNX examples (fenced <c>```csharp onnx</c>) compile against ModelZoo.Onnx, ONNX Runtime and ML.NET,
/// as one program (the other ```csharp blocks are compiled by Training.Tests against the projects it references).</summary>
public sealed class ReadmeOnnxTests
{
    [Fact]
    public void OnnxBlocksOfTheReadmeCompile()
    {
        string readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        string[] blocks = Regex.Matches(readme, "```csharp onnx\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToArray();
        Assert.True(blocks.Length >= 1, "README should show the ONNX API");
        string[] lines = string.Join("\n", blocks).Split('\n');
        var import = new Regex(@"^using [A-Za-z0-9_.]+;\s*$");
        const string implicitUsings = "global using System; global using System.Collections.Generic; global using System.IO; " +
            "global using System.Linq; global using System.Threading; global using System.Threading.Tasks;\n";
        string program = implicitUsings + string.Join("\n", lines.Where(l => import.IsMatch(l)).Distinct())
            + "\n" + string.Join("\n", lines.Where(l => !import.IsMatch(l)));
        string[] platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = platform.Concat(new[]
            {
                typeof(Export.OnnxExport).Assembly.Location, typeof(Models.Zoo).Assembly.Location, typeof(Training.Trainer).Assembly.Location,
                typeof(Data.Loading.DataLoader).Assembly.Location, typeof(TorchSharp.torch).Assembly.Location,
                typeof(Microsoft.ML.MLContext).Assembly.Location, typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly.Location,
            })
            .Distinct().Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("ReadmeOnnx", new[] { CSharpSyntaxTree.ParseText(program) }, references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        Diagnostic[] errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(errors.Length == 0, $"README ONNX C# does not compile:\n{program}\n{string.Join("\n", errors.Select(e => e.ToString()))}");
    }
}
