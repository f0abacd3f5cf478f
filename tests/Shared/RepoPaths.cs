namespace ModelZoo.Tests;

/// <summary>Locates the repository root (the folder holding ModelZoo.sln) and ../shared beside it.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> s_root = new(() =>
    {
        string? dir = AppContext.BaseDirectory;
        while (dir != null && !File.Exists(Path.Combine(dir, "ModelZoo.sln"))) dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("Cannot find ModelZoo.sln above " + AppContext.BaseDirectory);
    });

    public static string Root => s_root.Value;

    /// <summary>../shared beside the checkout (test and benchmark data; never used by the product).</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string SharedData(params string[] parts) => Path.Combine(new[] { Shared, "data" }.Concat(parts).ToArray());

    public static string Fixtures(params string[] parts) => Path.Combine(new[] { Root, "tests", "fixtures" }.Concat(parts).ToArray());

    /// <summary>A fresh empty temp directory, deleted by the returned handle.</summary>
    public static TempDir NewTempDir() => new();
}

internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "modelzoo-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
