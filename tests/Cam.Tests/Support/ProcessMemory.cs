using System.Runtime.InteropServices;

namespace ModelZoo.Cam.Tests.Support;

/// <summary>The process's resident set size in MiB, after an aggressive, compacting garbage collection (managed garbage
/// excluded, its memory decommitted) and, on Linux, <c>malloc_trim(0)</c> (native heap memory already freed, e.g. by
/// earlier tests in the same process, goes back to the system now rather than whenever glibc decides). Memory still
/// allocated counts either way.</summary>
internal static class ProcessMemory
{
    public static double SettledRssMiB()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        const string status = "/proc/self/status";
        if (!OperatingSystem.IsLinux() || !File.Exists(status))
        {
            using var process = System.Diagnostics.Process.GetCurrentProcess();
            return process.WorkingSet64 / (1024.0 * 1024.0);
        }
        _ = malloc_trim(0);
        string line = File.ReadLines(status).First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
    }

#pragma warning disable SYSLIB1054 // DllImport keeps the test projects free of unsafe code.
    [DllImport("libc")]
    private static extern int malloc_trim(nuint pad);
#pragma warning restore SYSLIB1054
}
