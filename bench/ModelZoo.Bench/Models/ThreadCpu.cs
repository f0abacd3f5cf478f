using System.Runtime.InteropServices;

namespace ModelZoo.Bench.Models;

/// <summary>CPU seconds the calling thread has used (CLOCK_THREAD_CPUTIME_ID): with one libtorch thread every kernel runs on
/// the caller, so this measures a kernel's own work even while other processes compete for the cores.</summary>
internal static class ThreadCpu
{
    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
#pragma warning restore SYSLIB1054

    public static double Seconds()
    {
        if (!OperatingSystem.IsLinux()) return double.NaN;
        ClockGetTime(3, out TimeSpec t);
        return t.Seconds + t.Nanoseconds / 1e9;
    }
}
