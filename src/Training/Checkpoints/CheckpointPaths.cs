namespace ModelZoo.Training.Checkpoints;

/// <summary>Names a run's checkpoint without replacing an earlier run's: <c>name.ckpt</c>, then <c>name-2.ckpt</c>, ...</summary>
public static class CheckpointPaths
{
    public static string NextFree(string directory, string stem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stem);
        string dir = Path.GetFullPath(directory);
        string path = Path.Combine(dir, stem + ".ckpt");
        for (int n = 2; File.Exists(path); n++) path = Path.Combine(dir, $"{stem}-{n}.ckpt");
        return path;
    }
}
