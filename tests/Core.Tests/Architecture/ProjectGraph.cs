using System.Xml.Linq;

namespace ModelZoo.Core.Tests.Architecture;

/// <summary>
/// The allowed dependencies between the projects of <c>src/</c> (shared/STYLE.md, "Dependencies between projects"),
/// and a check of every <c>src/*/*.csproj</c> against them: project references, Core's packages, and source files
/// compiled from outside a project's own folder.
/// </summary>
internal static class ProjectGraph
{
    /// <summary>Each project (its folder under src/) and the projects it may reference. A project that does not exist
    /// yet (Cam, Onnx) is held to its rule as soon as it does.</summary>
    public static IReadOnlyDictionary<string, string[]> Allowed { get; } = new Dictionary<string, string[]>
    {
        ["Core"] = [],
        ["Models"] = ["Core"],
        ["Data"] = ["Core"],
        ["Training"] = ["Core", "Models", "Data"],
        ["Cam"] = ["Core", "Models", "Data"],
        ["Onnx"] = ["Core", "Models"],
        ["Cli"] = ["Core", "Models", "Data", "Training", "Cam", "Onnx"],
        ["Interactive"] = ["Core", "Models", "Data", "Training", "Cam", "Onnx"],
    };

    /// <summary>The only packages Core may reference.</summary>
    public static IReadOnlyList<string> CorePackages { get; } = ["TorchSharp"];

    /// <summary>The projects found under <paramref name="src"/> (folder names).</summary>
    public static IReadOnlyList<string> Projects(string src) =>
        ProjectFiles(src).Select(p => Path.GetFileName(Path.GetDirectoryName(p))!).Order(StringComparer.Ordinal).ToArray();

    /// <summary>One line per rule broken by a <c>src/*/*.csproj</c> under <paramref name="src"/>; empty when none is.</summary>
    public static IReadOnlyList<string> Violations(string src)
    {
        var violations = new List<string>();
        string root = Path.GetFullPath(src);
        foreach (string file in ProjectFiles(root))
        {
            string folder = Path.GetDirectoryName(file)!;
            string project = Path.GetFileName(folder);
            string shown = $"src/{project}/{Path.GetFileName(file)}";
            if (!Allowed.TryGetValue(project, out string[]? allowed))
            {
                violations.Add($"{shown}: project '{project}' has no rule; add it to ProjectGraph.Allowed (and shared/STYLE.md).");
                continue;
            }
            XDocument xml = XDocument.Load(file);
            foreach (string include in Items(xml, "ProjectReference"))
            {
                string target = Path.GetFullPath(Path.Combine(folder, include));
                string? targetProject = Path.GetDirectoryName(Path.GetDirectoryName(target)) == root ? Path.GetFileName(Path.GetDirectoryName(target)) : null;
                if (targetProject is null)
                    violations.Add($"{shown}: references {include}, which is not a project of src/.");
                else if (!allowed.Contains(targetProject))
                    violations.Add($"{shown}: {project} references {targetProject}, which it must not (allowed: {Listed(allowed)}).");
            }
            if (project == "Core")
                foreach (string package in Items(xml, "PackageReference").Where(p => !CorePackages.Contains(p)))
                    violations.Add($"{shown}: Core references package {package}; it may reference {Listed(CorePackages)} only.");
            foreach (string include in Items(xml, "Compile"))
            {
                string target = Path.GetFullPath(Path.Combine(folder, include.Replace('\\', '/')));
                if (!target.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    violations.Add($"{shown}: compiles {include}, source files outside its own folder; reference the project that owns them instead.");
            }
        }
        return violations;
    }

    private static IEnumerable<string> ProjectFiles(string src) =>
        Directory.EnumerateDirectories(src).SelectMany(d => Directory.EnumerateFiles(d, "*.csproj")).Order(StringComparer.Ordinal);

    private static IEnumerable<string> Items(XDocument xml, string kind) =>
        xml.Descendants().Where(e => e.Name.LocalName == kind)
            .Select(e => (string?)e.Attribute("Include"))
            .Where(i => !string.IsNullOrWhiteSpace(i))
            .Select(i => i!.Replace('\\', '/'));

    private static string Listed(IEnumerable<string> names) => names.Any() ? string.Join(", ", names) : "none";
}
