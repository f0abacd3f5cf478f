namespace ModelZoo.Data.Datasets.Download;

/// <summary>
/// Path checks of the archive extractor: where an entry name lands (refusing absolute names, names that leave the
/// root lexically and names whose real location, after following links already on disk, leaves the root), and
/// where a link target really points.
/// </summary>
internal sealed class ExtractionPaths
{
    private const int MaxLinkHops = 40;
    private readonly string _archive;

    public ExtractionPaths(string archive, string root)
    {
        _archive = archive;
        Root = Path.GetFullPath(root);
        RealRoot = Resolve(Path.GetPathRoot(Root)!, Root[Path.GetPathRoot(Root)!.Length..]);
    }

    public string Root { get; }
    public string RealRoot { get; }

    /// <summary>The full path entry <paramref name="name"/> is written to (checked).</summary>
    public string Destination(string name)
    {
        if (name.Length == 0) throw Refuse(name, "has an empty name");
        if (name.Contains('\0')) throw Refuse(name, "has a NUL character in its name");
        if (Path.IsPathRooted(name) || name.StartsWith('/') || name.StartsWith('\\'))
            throw Refuse(name, "has an absolute path");
        string full = Path.GetFullPath(Path.Join(Root, name));
        if (!IsInside(full, Root)) throw Refuse(name, $"escapes the target directory (it resolves to {full})");
        string real = Resolve(RealRoot, Path.GetRelativePath(Root, full));
        if (!IsInside(real, RealRoot)) throw Refuse(name, $"would be written through a symbolic link that leaves the target directory (to {real})");
        return full;
    }

    /// <summary>Checks that a symbolic link at <paramref name="linkPath"/> with <paramref name="target"/> stays inside.</summary>
    public void CheckSymlink(string name, string linkPath, string target)
    {
        if (target.Length == 0) throw Refuse(name, "is a symbolic link with an empty target");
        if (Path.IsPathRooted(target) || target.StartsWith('/') || target.StartsWith('\\'))
            throw Refuse(name, $"is a symbolic link to the absolute path {target}");
        string real = Resolve(Resolve(RealRoot, Path.GetRelativePath(Root, Path.GetDirectoryName(linkPath)!)), target);
        if (!IsInside(real, RealRoot)) throw Refuse(name, $"is a symbolic link pointing outside the target directory ({target} → {real})");
    }

    /// <summary>The file a hard link entry refers to (archive-root relative), checked to be inside.</summary>
    public string HardLinkSource(string name, string target)
    {
        if (Path.IsPathRooted(target) || target.StartsWith('/') || target.StartsWith('\\'))
            throw Refuse(name, $"is a hard link to the absolute path {target}");
        string full = Path.GetFullPath(Path.Join(Root, target));
        string real = Resolve(RealRoot, Path.GetRelativePath(Root, full));
        if (!IsInside(full, Root) || !IsInside(real, RealRoot))
            throw Refuse(name, $"is a hard link to {target}, outside the target directory");
        if (!File.Exists(real)) throw Refuse(name, $"is a hard link to {target}, which is not a file extracted before it");
        return real;
    }

    public UnsafeArchiveEntryException Refuse(string name, string reason) => new(_archive, name, reason);

    public static bool IsInside(string path, string root)
    {
        if (string.Equals(path, root, StringComparison.Ordinal)) return true;
        string prefix = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, StringComparison.Ordinal);
    }

    /// <summary>realpath semantics: walks <paramref name="relative"/> from the real directory <paramref name="start"/>,
    /// following links that exist on disk, applying ".." to the resolved location; components that do not exist are
    /// taken as they are.</summary>
    private static string Resolve(string start, string relative) => Resolve(start, relative, 0);

    private static string Resolve(string start, string relative, int hops)
    {
        string current = start;
        foreach (string part in relative.Split(new[] { Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar }, StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".") continue;
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }
            string next = Path.Join(current, part);
            string? link = new FileInfo(next).LinkTarget;
            if (link is null)
            {
                current = next;
                continue;
            }
            if (hops >= MaxLinkHops) throw new IOException($"Too many levels of symbolic links at {next}.");
            current = Path.IsPathRooted(link)
                ? Resolve(Path.GetPathRoot(link)!, link[Path.GetPathRoot(link)!.Length..], hops + 1)
                : Resolve(current, link, hops + 1);
        }
        return current;
    }
}
