using System.Formats.Tar;
using System.IO.Compression;

namespace ModelZoo.Data.Datasets.Download;

/// <summary>
/// Extracts .tar, .tar.gz/.tgz and .zip archives (format detected from the content) safely: every entry is checked
/// before it is written, and an entry that would land outside the destination — "..", an absolute path, a symbolic
/// link pointing out, a path through such a link, a hard link to outside, a device or FIFO — aborts the
/// extraction with <see cref="UnsafeArchiveEntryException"/>. Entries are first extracted into a staging folder
/// inside the destination and moved into place only when the whole archive succeeded, so a refused, corrupt or
/// cancelled archive leaves nothing behind.
/// </summary>
public static class ArchiveExtractor
{
    /// <summary>Extracts <paramref name="archivePath"/> into <paramref name="destination"/> (created if needed); returns
    /// the relative paths of the extracted entries in archive order.</summary>
    public static IReadOnlyList<string> Extract(string archivePath, string destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(archivePath);
        ArgumentNullException.ThrowIfNull(destination);
        if (!File.Exists(archivePath)) throw new FileNotFoundException($"Archive not found: {archivePath}", archivePath);
        string root = Path.GetFullPath(destination);
        Directory.CreateDirectory(root);
        string staging = Path.Combine(root, ".modelzoo-extract-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        try
        {
            var paths = new ExtractionPaths(archivePath, staging);
            var written = new List<string>();
            using (FileStream file = File.OpenRead(archivePath))
            {
                switch (Detect(file))
                {
                    case Format.Zip:
                        ExtractZip(file, paths, written, cancellationToken);
                        break;
                    case Format.GZip:
                        using (var gzip = new GZipStream(file, CompressionMode.Decompress))
                            ExtractTar(gzip, paths, written, archivePath, cancellationToken);
                        break;
                    default:
                        ExtractTar(file, paths, written, archivePath, cancellationToken);
                        break;
                }
            }
            MoveInto(staging, root);
            return written;
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    private enum Format { Tar, GZip, Zip }

    private static Format Detect(FileStream file)
    {
        Span<byte> magic = stackalloc byte[4];
        int n = file.Read(magic);
        file.Position = 0;
        if (n >= 2 && magic[0] == 0x1f && magic[1] == 0x8b) return Format.GZip;
        if (n >= 4 && magic[0] == (byte)'P' && magic[1] == (byte)'K' && magic[2] is 3 or 5 && magic[3] is 4 or 6) return Format.Zip;
        return Format.Tar;
    }

    private static void ExtractTar(Stream stream, ExtractionPaths paths, List<string> written, string archive, CancellationToken ct)
    {
        TarReader reader;
        try
        {
            reader = new TarReader(stream);
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException)
        {
            throw new InvalidDataException($"{archive} is not a tar, tar.gz or zip archive ({ex.Message}).", ex);
        }
        using (reader)
        {
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                TarEntry? entry;
                try
                {
                    entry = reader.GetNextEntry();
                }
                catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException)
                {
                    throw new InvalidDataException($"{archive} is not a valid tar, tar.gz or zip archive, or it is truncated ({ex.Message}).", ex);
                }
                if (entry is null) break;
                switch (entry.EntryType)
                {
                    case TarEntryType.GlobalExtendedAttributes or TarEntryType.ExtendedAttributes:
                        continue;
                    case TarEntryType.Directory:
                        Directory.CreateDirectory(paths.Destination(entry.Name));
                        break;
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                        WriteFile(paths.Destination(entry.Name), entry.DataStream, ct);
                        break;
                    case TarEntryType.SymbolicLink:
                        WriteSymlink(paths, entry.Name, entry.LinkName);
                        break;
                    case TarEntryType.HardLink:
                    {
                        string source = paths.HardLinkSource(entry.Name, entry.LinkName);
                        string target = paths.Destination(entry.Name);
                        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                        File.Copy(source, target, overwrite: true);
                        break;
                    }
                    default:
                        throw paths.Refuse(entry.Name, $"is a {entry.EntryType} entry, which is never extracted");
                }
                written.Add(entry.Name.TrimEnd('/'));
            }
        }
    }

    private static void ExtractZip(Stream stream, ExtractionPaths paths, List<string> written, CancellationToken ct)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
        foreach (ZipArchiveEntry entry in zip.Entries)
        {
            ct.ThrowIfCancellationRequested();
            string name = entry.FullName.Replace('\\', '/'); // Windows tools sometimes write backslashes
            bool isLink = ((entry.ExternalAttributes >> 16) & 0xF000) == 0xA000;
            if (name.EndsWith('/'))
            {
                Directory.CreateDirectory(paths.Destination(name));
            }
            else if (isLink)
            {
                using var reader = new StreamReader(entry.Open());
                WriteSymlink(paths, name, reader.ReadToEnd());
            }
            else
            {
                using Stream data = entry.Open();
                WriteFile(paths.Destination(name), data, ct);
            }
            written.Add(name.TrimEnd('/'));
        }
    }

    private static void WriteFile(string target, Stream? data, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (Directory.Exists(target)) throw new IOException($"Cannot extract the file {target}: a directory of that name exists.");
        if (new FileInfo(target).LinkTarget is not null) File.Delete(target); // replace a link, never write through it
        using var output = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None);
        data?.CopyToAsync(output, ct).GetAwaiter().GetResult();
    }

    private static void WriteSymlink(ExtractionPaths paths, string name, string target)
    {
        string link = paths.Destination(name);
        paths.CheckSymlink(name, link, target);
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        if (new FileInfo(link).LinkTarget is not null || File.Exists(link)) File.Delete(link);
        File.CreateSymbolicLink(link, target);
    }

    /// <summary>Moves the staged entries into <paramref name="root"/>: new entries by rename, existing real folders
    /// merged, existing files and links replaced (links are never followed).</summary>
    private static void MoveInto(string from, string root)
    {
        foreach (string source in Directory.EnumerateFileSystemEntries(from))
        {
            string target = Path.Combine(root, Path.GetFileName(source));
            var sourceInfo = new FileInfo(source);
            bool sourceIsDir = sourceInfo.LinkTarget is null && Directory.Exists(source);
            bool targetIsLink = new FileInfo(target).LinkTarget is not null;
            bool targetIsDir = !targetIsLink && Directory.Exists(target);
            if (sourceIsDir && targetIsDir)
            {
                MoveInto(source, target);
                continue;
            }
            if (targetIsDir)
                throw new IOException($"Cannot extract {Path.GetFileName(source)} into {root}: a folder of that name exists and the archive has a file there.");
            if (targetIsLink || File.Exists(target)) File.Delete(target);
            if (sourceIsDir) Directory.Move(source, target);
            else File.Move(source, target);
        }
    }
}
