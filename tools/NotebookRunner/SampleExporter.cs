using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.DotNet.Interactive.Documents;

namespace ModelZoo.NotebookRunner;

/// <summary>
/// Writes a notebook as a .NET 10 file-based app (<c>dotnet run samples/NN-name.cs</c>): Markdown cells become
/// comments, <c>#r "nuget: ModelZoo.X, v"</c> becomes <c>#:project ../src/X/ModelZoo.X.csproj</c> (other packages
/// <c>#:package</c>; libtorch runtime packages are replaced by the repository's runtime selection), <c>using</c>
/// directives move to the top, type declarations to the end, a cell's trailing expression becomes
/// <c>display(expr);</c>, and <c>display</c> prints or saves values through ModelZoo.Interactive's ConsoleDisplay.
/// </summary>
public static partial class SampleExporter
{
    private static readonly CSharpParseOptions Script = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    /// <summary>The sample's source for <paramref name="document"/>. <paramref name="notebookPath"/> and
    /// <paramref name="samplePath"/> are relative to <paramref name="repositoryRoot"/> (e.g. notebooks/01-x.ipynb, samples/01-x.cs).</summary>
    public static string Export(InteractiveDocument document, string notebookPath, string samplePath, string repositoryRoot)
    {
        var directives = new List<string>();
        var usings = new List<string>();
        var body = new StringBuilder();
        var types = new StringBuilder();
        string sampleDir = Path.GetDirectoryName(Path.GetFullPath(Path.Combine(repositoryRoot, samplePath)))!;
        int? parameters = ParametersCell.Find(document);
        for (int i = 0; i < document.Elements.Count; i++)
        {
            InteractiveDocumentElement cell = document.Elements[i];
            if (cell.KernelName == "markdown")
            {
                body.AppendLine();
                foreach (string line in cell.Contents.TrimEnd().Split('\n'))
                    body.AppendLine(("// " + line.TrimEnd('\r')).TrimEnd());
                continue;
            }
            var code = new StringBuilder();
            foreach (string raw in cell.Contents.Split('\n'))
            {
                string line = raw.TrimEnd('\r');
                if (NugetReference().Match(line) is { Success: true } m)
                    AddDirective(directives, PackageDirective(m.Groups["id"].Value, m.Groups["version"].Value, repositoryRoot, sampleDir));
                else if (line.TrimStart().StartsWith("#i ", StringComparison.Ordinal) || line.TrimStart().StartsWith("#!", StringComparison.Ordinal))
                    code.AppendLine("// (notebook only) " + line.Trim());
                else if (line.TrimStart().StartsWith("#r ", StringComparison.Ordinal))
                    throw new InvalidDataException($"{notebookPath}: cell {i + 1}: only '#r \"nuget: Id, Version\"' references can be exported; got: {line.Trim()}");
                else
                    code.AppendLine(line);
            }
            body.AppendLine();
            if (i == parameters) body.AppendLine("// The notebook's parameters (CI runs it with smaller ones).");
            AppendCell(code.ToString(), usings, body, types);
        }

        var text = new StringBuilder();
        string notebook = notebookPath.Replace('\\', '/'), sample = samplePath.Replace('\\', '/');
        text.AppendLine($"// Generated from {notebook} by tools/NotebookRunner; edit the notebook, then regenerate with");
        text.AppendLine($"//   dotnet run --project tools/NotebookRunner -c Release -- export {notebook}");
        text.AppendLine($"// Run it with: dotnet run {sample}   (images are saved as PNG files in sample-output/)");
        AddDirective(directives, "#:project " + RelativeProject("ModelZoo.Interactive", repositoryRoot, sampleDir));
        directives.Add("#:property UsesTorchRuntime=true");
        directives.Add("#:property PublishAot=false");
        foreach (string d in directives) text.AppendLine(d);
        text.AppendLine();
        foreach (string u in usings.Distinct()) text.AppendLine(u);
        text.AppendLine();
        text.AppendLine("// Relative paths resolve from this file's folder, as they do from the notebook's.");
        text.AppendLine("Environment.CurrentDirectory = AppContext.GetData(\"EntryPointFileDirectoryPath\") as string ?? Environment.CurrentDirectory;");
        text.Append(body);
        text.AppendLine();
        text.AppendLine("// What the notebook's display(...) shows: text printed, tables aligned, images saved as PNG files.");
        text.AppendLine("static void display(object? value) => ModelZoo.Interactive.ConsoleDisplay.Show(value);");
        if (types.Length > 0) text.AppendLine().Append(types);
        return Regex.Replace(text.ToString(), "\n{3,}", "\n\n");
    }

    private static void AppendCell(string code, List<string> usings, StringBuilder body, StringBuilder types)
    {
        var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(code, Script).GetRoot();
        usings.AddRange(root.Usings.Select(u => u.ToString().Trim()));
        for (int m = 0; m < root.Members.Count; m++)
        {
            MemberDeclarationSyntax member = root.Members[m];
            if (member is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax)
            {
                types.AppendLine(member.ToFullString().Trim('\r', '\n')).AppendLine();
                continue;
            }
            if (m == root.Members.Count - 1 && member is GlobalStatementSyntax { Statement: ExpressionStatementSyntax expr } && expr.SemicolonToken.IsMissing)
            {
                string trivia = expr.GetLeadingTrivia().ToFullString();
                body.Append(trivia.TrimStart('\r', '\n')).AppendLine($"display({expr.Expression.ToString().Trim()});");
                continue;
            }
            body.AppendLine(member.ToFullString().Trim('\r', '\n'));
        }
        // Comments after the last member (a cell of comments only) are trailing trivia of the end-of-file token.
        string tail = root.EndOfFileToken.LeadingTrivia.ToFullString().Trim();
        if (tail.Length > 0) body.AppendLine(tail);
    }

    private static string PackageDirective(string id, string version, string repositoryRoot, string sampleDir)
    {
        if (id.StartsWith("TorchSharp", StringComparison.OrdinalIgnoreCase) || id.StartsWith("libtorch", StringComparison.OrdinalIgnoreCase))
            return "";   // the runtime comes from UsesTorchRuntime (build/TorchRuntime.targets)
        if (id.StartsWith("ModelZoo.", StringComparison.Ordinal))
            return "#:project " + RelativeProject(id, repositoryRoot, sampleDir);
        return $"#:package {id}@{version}";
    }

    private static string RelativeProject(string id, string repositoryRoot, string sampleDir)
    {
        string? project = Directory.EnumerateFiles(Path.Combine(repositoryRoot, "src"), id + ".csproj", SearchOption.AllDirectories).FirstOrDefault();
        if (project is null) throw new InvalidDataException($"No project src/**/{id}.csproj for the package {id}.");
        return Path.GetRelativePath(sampleDir, project).Replace('\\', '/');
    }

    private static void AddDirective(List<string> directives, string directive)
    {
        if (directive.Length > 0 && !directives.Contains(directive)) directives.Add(directive);
    }

    [GeneratedRegex("^\\s*#r\\s+\"nuget:\\s*(?<id>[A-Za-z0-9_.\\-]+)\\s*(,\\s*(?<version>[^\"]+))?\"")]
    private static partial Regex NugetReference();
}
