using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ModelZoo.Core.IO;

/// <summary>
/// Writes a file through a temporary sibling and a rename, so readers never see a half-written file and a failed
/// write leaves the previous file (if any) untouched. The temporary file is <c>NAME.PID.N.tmp</c> beside the target
/// (PID = this process, N = a per-process counter); it is flushed to disk before the rename and deleted when the write
/// fails. A process killed mid-write cannot delete its temporary file, so every write first removes the target's
/// <c>NAME.PID[.N].tmp</c> siblings whose process is no longer running.
/// </summary>
internal static class AtomicFile
{
    private static long s_counter;

    /// <summary>Writes <paramref name="path"/> with <paramref name="write"/>, which gets a fresh stream to fill.</summary>
    /// <param name="createDirectory">Create the target's folder when it is missing (else a missing folder is a
    /// <see cref="DirectoryNotFoundException"/>).</param>
    public static void Write(string path, Action<Stream> write, bool createDirectory = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full) ?? ".";
        if (createDirectory) Directory.CreateDirectory(directory);
        else if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"Cannot write {full}: the folder {directory} does not exist.");
        RemoveStaleTemporaries(full);
        string temp = TemporaryPath(full);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>.</summary>
    public static void WriteAllBytes(string path, byte[] bytes, bool createDirectory = true)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Write(path, stream => stream.Write(bytes), createDirectory);
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> as UTF-8 without a byte-order mark.</summary>
    public static void WriteAllText(string path, string text, bool createDirectory = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        WriteAllBytes(path, new UTF8Encoding(false).GetBytes(text), createDirectory);
    }

    /// <summary>The temporary sibling a write of <paramref name="fullPath"/> by this process uses.</summary>
    internal static string TemporaryPath(string fullPath) => string.Create(CultureInfo.InvariantCulture,
        $"{fullPath}.{Environment.ProcessId}.{Interlocked.Increment(ref s_counter)}.tmp");

    /// <summary>Deletes the <c>NAME.PID.tmp</c> and <c>NAME.PID.N.tmp</c> siblings of <paramref name="fullPath"/> left by
    /// processes that are no longer running; returns how many it deleted. Temporaries of live processes (a concurrent
    /// write) and every other file are left alone.</summary>
    internal static int RemoveStaleTemporaries(string fullPath)
    {
        string directory = Path.GetDirectoryName(fullPath) ?? ".";
        string name = Path.GetFileName(fullPath);
        if (!Directory.Exists(directory) || name.AsSpan().IndexOfAny('*', '?') >= 0) return 0;
        int removed = 0;
        IEnumerable<string> candidates;
        try { candidates = Directory.EnumerateFiles(directory, name + ".*.tmp", SearchOption.TopDirectoryOnly).ToArray(); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return 0; }
        foreach (string candidate in candidates)
        {
            if (OwnerProcess(name, Path.GetFileName(candidate)) is not { } pid) continue;
            if (pid == Environment.ProcessId || IsRunning(pid)) continue;
            if (TryDelete(candidate)) removed++;
        }
        return removed;
    }

    /// <summary>The PID in a temporary name <c>NAME.PID.tmp</c> or <c>NAME.PID.N.tmp</c>, or null for any other name.</summary>
    internal static int? OwnerProcess(string targetName, string candidateName)
    {
        if (candidateName.Length <= targetName.Length + ".tmp".Length + 1
            || !candidateName.StartsWith(targetName + ".", StringComparison.Ordinal) || !candidateName.EndsWith(".tmp", StringComparison.Ordinal))
            return null;
        string middle = candidateName[(targetName.Length + 1)..^".tmp".Length];
        string[] parts = middle.Split('.');
        if (parts.Length is < 1 or > 2 || parts.Any(p => p.Length == 0 || !p.All(char.IsAsciiDigit))) return null;
        return int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && pid > 0 ? pid : null;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using Process process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; }          // no such process
        catch (InvalidOperationException) { return false; }   // it exited while we looked
        catch (System.ComponentModel.Win32Exception) { return true; } // exists, but we may not inspect it: keep its file
    }

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }
}
