namespace ModelZoo.NotebookRunner;

/// <summary>
/// NuGet extracts a package version into the global packages folder once and never again, so after a fresh
/// <c>dotnet pack</c> of the same version a notebook would still load the old copy. Before a run the runner can remove
/// the extracted copies of the ModelZoo packages (every <c>modelzoo.*</c> folder, whichever notebook or dependency
/// brought it), and the kernel's restore takes them again from the local package folder.
/// </summary>
public static class PackageCache
{
    /// <summary>The global packages folder: <c>$NUGET_PACKAGES</c>, else <c>~/.nuget/packages</c>.</summary>
    public static string GlobalPackagesFolder =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>Deletes the extracted ModelZoo packages (ids starting with <c>modelzoo.</c>); returns the folders removed.</summary>
    public static IReadOnlyList<string> Refresh(string? globalPackagesFolder = null)
    {
        string root = globalPackagesFolder ?? GlobalPackagesFolder;
        if (!Directory.Exists(root)) return Array.Empty<string>();
        var removed = new List<string>();
        foreach (string folder in Directory.GetDirectories(root, "modelzoo.*"))
        {
            Directory.Delete(folder, recursive: true);
            removed.Add(folder);
        }
        return removed;
    }
}
