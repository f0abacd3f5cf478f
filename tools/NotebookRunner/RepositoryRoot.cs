namespace ModelZoo.NotebookRunner;

/// <summary>Finds the repository root (the folder with ModelZoo.sln) from a folder inside it.</summary>
public static class RepositoryRoot
{
    public static string Find(string start)
    {
        for (string? dir = Path.GetFullPath(start); dir is not null; dir = Path.GetDirectoryName(dir))
            if (File.Exists(Path.Combine(dir, "ModelZoo.sln"))) return dir;
        throw new ArgumentException($"no ModelZoo.sln above {start}; run the runner inside the repository.");
    }
}
