using System.Text.RegularExpressions;

namespace ModelZoo.NotebookRunner;

/// <summary>
/// NuGet extracts a package version into the global packages folder once and never again, so after a fresh
/// <c>dotnet pack</c> of the same version a notebook would still load the old copy. Before a run the runner removes
/// the extracted copies of the ModelZoo packages the notebooks reference (only those ids and versions), and the
/// kernel's restore takes them again from the local package folder.
/// </summary>
public static partial class PackageCache
{
    /// <summary>The global packages folder: <c>$NUGET_PACKAGES</c>, else <c>~/.nuget/packages</c>.</summary>
    public static string GlobalPackagesFolder =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>The <c>#r "nuget: ModelZoo.X, version"</c> references in the notebooks' text.</summary>
    public static IReadOnlyList<(string Id, string Version)> ModelZooReferences(IEnumerable<string> notebookPaths) =>
        notebookPaths.SelectMany(p => Reference().Matches(File.ReadAllText(p)))
            .Select(m => (m.Groups["id"].Value, m.Groups["version"].Value.Trim()))
            .Distinct()
            .ToArray();

    /// <summary>Deletes the extracted copies of <paramref name="packages"/>; returns the folders removed.</summary>
    public static IReadOnlyList<string> Refresh(IEnumerable<(string Id, string Version)> packages, string? globalPackagesFolder = null)
    {
        string root = globalPackagesFolder ?? GlobalPackagesFolder;
        var removed = new List<string>();
        foreach ((string id, string version) in packages)
        {
            string folder = Path.Combine(root, id.ToLowerInvariant(), version.ToLowerInvariant());
            if (!Directory.Exists(folder)) continue;
            Directory.Delete(folder, recursive: true);
            removed.Add(folder);
        }
        return removed;
    }

    // In the notebook JSON the quotes are escaped: #r \"nuget: ModelZoo.Models, 0.1.0\"
    [GeneratedRegex(@"#r \\?""nuget:\s*(?<id>ModelZoo\.[A-Za-z0-9_.]+)\s*,\s*(?<version>[^""\\]+)\\?""")]
    private static partial Regex Reference();
}
