using System.IO.Compression;
using ModelZoo.Data.Datasets.Download;

namespace ModelZoo.Data.Tests.Datasets;

public class ArchiveExtractorTests
{
    private static string Write(TempDir dir, string name, byte[] bytes)
    {
        string path = dir.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Zip(params (string Name, string Content, bool Symlink)[] entries)
    {
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach ((string name, string content, bool symlink) in entries)
            {
                ZipArchiveEntry entry = zip.CreateEntry(name);
                if (symlink) entry.ExternalAttributes = unchecked((int)(0xA1FFu << 16));
                using var writer = new StreamWriter(entry.Open());
                writer.Write(content);
            }
        }
        return output.ToArray();
    }

    /// <summary>Everything under <paramref name="root"/> (relative paths), links included, not followed.</summary>
    private static string[] Tree(string root) => Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
        .Select(p => Path.GetRelativePath(root, p).Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray();

    [Theory]
    [InlineData("tar")]
    [InlineData("tgz")]
    [InlineData("zip")]
    public void GoodArchives_ExtractFilesFoldersAndInsideLinks(string format)
    {
        using var dir = RepoPaths.NewTempDir();
        var tar = new TarBuilder().Directory("data").File("data/a.txt", "alpha").File("data/sub/b.bin", new byte[] { 1, 2, 3 }).Symlink("data/link", "sub/b.bin");
        byte[] archive = format switch
        {
            "tar" => tar.ToTar(),
            "tgz" => tar.ToTarGz(),
            _ => Zip(("data/a.txt", "alpha", false), ("data/sub/b.bin", "\u0001\u0002\u0003", false), ("data/link", "sub/b.bin", true)),
        };
        string path = Write(dir, "archive." + format, archive);
        string target = Path.Combine(dir.Path, "out");
        IReadOnlyList<string> written = ArchiveExtractor.Extract(path, target);
        Assert.Contains("data/sub/b.bin", written);
        Assert.Equal("alpha", File.ReadAllText(Path.Combine(target, "data", "a.txt")));
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(Path.Combine(target, "data", "sub", "b.bin")));
        Assert.Equal("sub/b.bin", new FileInfo(Path.Combine(target, "data", "link")).LinkTarget);
        Assert.Equal(new[] { "data", "data/a.txt", "data/link", "data/sub", "data/sub/b.bin" }, Tree(target));
    }

    private static TarBuilder EscapingTar(string name) => name switch
    {
        "dot-dot" => new TarBuilder().File("ok.txt", "fine").File("../evil.txt", "x"),
        "nested dot-dot" => new TarBuilder().File("a/../../evil.txt", "x"),
        "absolute" => new TarBuilder().File("/tmp/modelzoo-evil.txt", "x"),
        "symlink absolute" => new TarBuilder().Symlink("etc", "/etc"),
        "symlink up" => new TarBuilder().Directory("a").Symlink("a/up", "../.."),
        "write through inside link" => new TarBuilder().Symlink("here", ".").Symlink("here/up", "../x"),
        // a/b/y -> ../.. is the extraction root (allowed); x -> a/b/y/.. is then the root's parent: refused.
        "link chain" => new TarBuilder().Directory("a/b").Symlink("a/b/y", "../..").Symlink("x", "a/b/y/.."),
        "hard link out" => new TarBuilder().HardLink("passwd", "../../../../etc/passwd"),
        "fifo" => new TarBuilder().Fifo("pipe"),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [InlineData("dot-dot", "escapes the target directory")]
    [InlineData("nested dot-dot", "escapes the target directory")]
    [InlineData("absolute", "absolute path")]
    [InlineData("symlink absolute", "absolute path")]
    [InlineData("symlink up", "pointing outside")]
    [InlineData("write through inside link", "pointing outside")]
    [InlineData("link chain", "pointing outside")]
    [InlineData("hard link out", "hard link")]
    [InlineData("fifo", "never extracted")]
    public void EscapingTarEntries_AreRefused_AndNothingIsLeftBehind(string name, string reason)
    {
        using var dir = RepoPaths.NewTempDir();
        string outside = Path.Combine(dir.Path, "deep", "evil.txt");
        string path = Write(dir, name.Replace(' ', '_') + ".tar.gz", EscapingTar(name).ToTarGz());
        string target = Path.Combine(dir.Path, "deep", "out");
        var ex = Assert.Throws<UnsafeArchiveEntryException>(() => ArchiveExtractor.Extract(path, target));
        Assert.Contains(reason, ex.Message);
        Assert.Contains("Nothing was extracted", ex.Message);
        Assert.False(File.Exists(outside));
        Assert.False(File.Exists("/tmp/modelzoo-evil.txt"));
        Assert.Empty(Tree(target)); // not even the good entries or the staging folder
    }

    [Fact]
    public void ZipWithDotDotOrBackslashes_IsRefused()
    {
        using var dir = RepoPaths.NewTempDir();
        foreach (string evil in new[] { "../evil.txt", "a/../../evil.txt", "..\\evil.txt", "/abs.txt" })
        {
            string path = Write(dir, "evil.zip", Zip(("fine.txt", "ok", false), (evil, "x", false)));
            string target = Path.Combine(dir.Path, "out");
            Assert.Throws<UnsafeArchiveEntryException>(() => ArchiveExtractor.Extract(path, target));
            Assert.Empty(Tree(target));
            Assert.False(File.Exists(Path.Combine(dir.Path, "evil.txt")));
        }
        string link = Write(dir, "link.zip", Zip(("out", "/etc", true)));
        Assert.Throws<UnsafeArchiveEntryException>(() => ArchiveExtractor.Extract(link, Path.Combine(dir.Path, "out2")));
    }

    [Fact]
    public void ExistingLinkInTheDestination_IsReplaced_NeverWrittenThrough()
    {
        using var dir = RepoPaths.NewTempDir();
        string target = Directory.CreateDirectory(Path.Combine(dir.Path, "out")).FullName;
        string victim = Directory.CreateDirectory(Path.Combine(dir.Path, "victim")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(target, "data"), victim);
        string path = Write(dir, "a.tar", new TarBuilder().File("data/file.txt", "new").ToTar());
        ArchiveExtractor.Extract(path, target);
        Assert.Empty(Directory.EnumerateFileSystemEntries(victim));
        Assert.Null(new DirectoryInfo(Path.Combine(target, "data")).LinkTarget);
        Assert.Equal("new", File.ReadAllText(Path.Combine(target, "data", "file.txt")));
    }

    [Fact]
    public void CorruptOrTruncatedArchives_AreClearErrors_AndLeaveNothing()
    {
        using var dir = RepoPaths.NewTempDir();
        byte[] good = new TarBuilder().File("a.bin", new byte[5000]).ToTarGz();
        string truncated = Write(dir, "t.tar.gz", good[..(good.Length / 2)]);
        string target = Path.Combine(dir.Path, "out");
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => ArchiveExtractor.Extract(truncated, target)).Message);
        Assert.Empty(Tree(target));
        string text = Write(dir, "x.tar", System.Text.Encoding.ASCII.GetBytes(new string('z', 2000)));
        Assert.Contains("not a valid tar", Assert.Throws<InvalidDataException>(() => ArchiveExtractor.Extract(text, target)).Message);
        Assert.Empty(Tree(target));
    }
}
