using System.Collections;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.DotNet.Interactive.Documents;

namespace ModelZoo.NotebookRunner;

/// <summary>
/// The cell of a notebook that holds its parameters (papermill's convention): a code cell tagged <c>parameters</c>,
/// or one whose first line is <c>// parameters</c>. A run may override them: the runner submits
/// <c>name = value;</c> for each override right after that cell, so the notebook itself stays as written.
/// </summary>
public static class ParametersCell
{
    /// <summary>Index of the parameters cell in <paramref name="document"/>'s elements, or null when there is none.</summary>
    public static int? Find(InteractiveDocument document)
    {
        for (int i = 0; i < document.Elements.Count; i++)
        {
            InteractiveDocumentElement cell = document.Elements[i];
            if (cell.KernelName != "csharp") continue;
            if (HasTag(cell, "parameters")) return i;
            string first = cell.Contents.TrimStart().Split('\n')[0].Trim();
            if (first.Equals("// parameters", StringComparison.OrdinalIgnoreCase) || first.StartsWith("// parameters:", StringComparison.OrdinalIgnoreCase))
                return i;
        }
        return null;
    }

    /// <summary>The variables the cell declares, in order (<c>var epochs = 10;</c>, <c>string dir = "...";</c>).</summary>
    public static IReadOnlyList<string> DeclaredNames(string code)
    {
        var tree = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(kind: SourceCodeKind.Script));
        return tree.GetRoot().DescendantNodes()
            .OfType<VariableDeclaratorSyntax>()
            .Where(v => v.Parent?.Parent is FieldDeclarationSyntax or LocalDeclarationStatementSyntax)
            .Select(v => v.Identifier.ValueText)
            .ToArray();
    }

    /// <summary>The code that applies <paramref name="values"/> (name → C# expression). Every name must be declared in
    /// the parameters cell; otherwise the error lists the names it declares.</summary>
    public static string OverrideCode(string notebook, InteractiveDocumentElement? cell, IReadOnlyDictionary<string, string> values)
    {
        if (values.Count == 0) return "";
        if (cell is null)
            throw new ArgumentException($"{notebook}: has no parameters cell (a C# cell tagged 'parameters' or starting with '// parameters'), so {string.Join(", ", values.Keys)} cannot be set.");
        IReadOnlyList<string> declared = DeclaredNames(cell.Contents);
        foreach (string name in values.Keys)
            if (!declared.Contains(name))
                throw new ArgumentException($"{notebook}: parameter '{name}' is not declared in its parameters cell; it declares: {string.Join(", ", declared)}.");
        return string.Join("\n", values.Select(kv => $"{kv.Key} = {kv.Value};"));
    }

    private static bool HasTag(InteractiveDocumentElement cell, string tag)
    {
        if (cell.Metadata is null || !cell.Metadata.TryGetValue("tags", out object? tags) || tags is null) return false;
        if (tags is System.Text.Json.JsonElement json)
            return json.ValueKind == System.Text.Json.JsonValueKind.Array && json.EnumerateArray().Any(t => t.ValueKind == System.Text.Json.JsonValueKind.String && t.GetString() == tag);
        return tags is IEnumerable list && tags is not string && list.Cast<object?>().Any(t => t?.ToString() == tag);
    }
}
