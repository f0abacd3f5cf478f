using System.Diagnostics;
using System.Text.RegularExpressions;
using ModelZoo.Core.IO;

namespace ModelZoo.Core.Tests.IO;

public sealed class AtomicFileTests
{
    [Fact]
    public void A_write_creates_the_folder_and_the_file_and_leaves_no_temporary()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        string path = dir.File(Path.Combine("a", "b", "out.bin"));
        AtomicFile.WriteAllBytes(path, [1, 2, 3]);
        AtomicFile.WriteAllText(path, "héllo");
        Assert.Equal("héllo"u8.ToArray(), File.ReadAllBytes(path)); // UTF-8, no byte-order mark
        Assert.Equal(new[] { path }, Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void Without_createDirectory_a_missing_folder_is_an_error_and_nothing_is_written()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        string path = dir.File(Path.Combine("missing", "x.bin"));
        Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.WriteAllBytes(path, [1], createDirectory: false));
        Assert.False(Directory.Exists(dir.File("missing")));
    }

    [Fact]
    public void A_failed_write_keeps_the_previous_file_and_deletes_its_temporary()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        string path = dir.File("model.ckpt");
        AtomicFile.WriteAllText(path, "good");
        string? temporary = null;
        var ex = Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[1000]);
            stream.Flush();
            temporary = Assert.Single(Directory.GetFiles(dir.Path, "*.tmp"));
            throw new IOException("disk full");
        }));
        Assert.Equal("disk full", ex.Message);
        Assert.Equal("good", File.ReadAllText(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(dir.Path));
        Assert.NotNull(temporary);
        Assert.False(File.Exists(temporary));
    }

    [Fact]
    public void The_temporary_is_a_recognisable_sibling_named_after_the_target_and_this_process()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        string path = dir.File("curves.png");
        string? seen = null;
        AtomicFile.Write(path, stream =>
        {
            seen = Path.GetFileName(Assert.Single(Directory.GetFiles(dir.Path)));
            stream.WriteByte(7);
        });
        Assert.Matches(new Regex($@"^curves\.png\.{Environment.ProcessId}\.\d+\.tmp$"), seen);
        Assert.Equal(Environment.ProcessId, AtomicFile.OwnerProcess("curves.png", seen!));
        Assert.Equal(new byte[] { 7 }, File.ReadAllBytes(path));
    }

    [Theory]
    [InlineData("model.ckpt", "model.ckpt.123.tmp", 123)]        // the name Checkpoint.Save used to leave behind
    [InlineData("model.ckpt", "model.ckpt.123.45.tmp", 123)]
    [InlineData("model.ckpt", "model.ckpt.tmp", null)]
    [InlineData("model.ckpt", "model.ckpt.x1.tmp", null)]
    [InlineData("model.ckpt", "model.ckpt.1.2.3.tmp", null)]
    [InlineData("model.ckpt", "other.ckpt.123.tmp", null)]
    [InlineData("model.ckpt", "model.ckpt.123.tmp.bak", null)]
    [InlineData("model.ckpt", ".model.ckpt.123.tmp", null)]
    public void Only_NAME_PID_tmp_and_NAME_PID_N_tmp_are_taken_for_temporaries(string target, string candidate, int? pid) =>
        Assert.Equal(pid, AtomicFile.OwnerProcess(target, candidate));

    [Fact]
    public void A_write_removes_the_targets_temporaries_left_by_killed_processes_and_nothing_else()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        int dead = DeadProcessId(), live = Environment.ProcessId;
        string[] stale = [$"model.ckpt.{dead}.tmp", $"model.ckpt.{dead}.3.tmp"];   // 0-byte leftovers of a kill -9
        string[] kept =
        [
            $"model.ckpt.{live}.999.tmp",          // a write of a live process (this one) in progress
            $"other.ckpt.{dead}.tmp",              // another target's
            "model.ckpt.backup.tmp",               // not a temporary name of ours
            $"model.ckpt.{dead}.tmp.keep",
            "model.ckpt.old",
        ];
        foreach (string name in stale.Concat(kept)) File.WriteAllBytes(dir.File(name), []);

        AtomicFile.WriteAllText(dir.File("model.ckpt"), "new");

        foreach (string name in stale) Assert.False(File.Exists(dir.File(name)), name);
        foreach (string name in kept) Assert.True(File.Exists(dir.File(name)), name);
        Assert.Equal("new", File.ReadAllText(dir.File("model.ckpt")));
        Assert.Equal(0, AtomicFile.RemoveStaleTemporaries(dir.File("model.ckpt")));
    }

    [Fact]
    public void Temporaries_of_other_running_processes_are_kept()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        using Process child = Process.Start(new ProcessStartInfo(OperatingSystem.IsWindows() ? "cmd.exe" : "/bin/sh",
            OperatingSystem.IsWindows() ? "/c ping -n 30 127.0.0.1 >NUL" : "-c \"sleep 30\"") { UseShellExecute = false })!;
        try
        {
            var running = new List<int> { child.Id };
            if (OperatingSystem.IsLinux()) running.Add(1); // init: running, and not our child
            foreach (int pid in running) File.WriteAllBytes(dir.File($"model.ckpt.{pid}.tmp"), []);
            AtomicFile.WriteAllText(dir.File("model.ckpt"), "new");
            foreach (int pid in running) Assert.True(File.Exists(dir.File($"model.ckpt.{pid}.tmp")), $"the temporary of running process {pid} was deleted");
        }
        finally
        {
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
        }
    }

    [Fact]
    public void Concurrent_writes_to_one_target_never_share_a_temporary()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        string path = dir.File("shared.txt");
        string[] payloads = Enumerable.Range(0, 16).Select(i => new string((char)('a' + i), 4096)).ToArray();
        Parallel.ForEach(payloads, new ParallelOptions { MaxDegreeOfParallelism = 8 }, text => AtomicFile.WriteAllText(path, text));
        Assert.Contains(File.ReadAllText(path), payloads);
        Assert.Equal(new[] { path }, Directory.GetFiles(dir.Path));
    }

    /// <summary>The id of a process that has exited (a short child process, waited for).</summary>
    private static int DeadProcessId()
    {
        var start = OperatingSystem.IsWindows()
            ? new ProcessStartInfo("cmd.exe", "/c exit 0")
            : new ProcessStartInfo("/bin/sh", "-c true");
        start.UseShellExecute = false;
        using Process child = Process.Start(start)!;
        child.WaitForExit();
        return child.Id;
    }
}
