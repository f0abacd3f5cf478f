using System.Runtime.InteropServices;

namespace ModelZoo.Models.Runtime;

/// <summary>
/// Keeps the memory libtorch frees in the process heap for the next step instead of handing it back to the kernel.
/// With glibc's defaults every tensor above the (adaptive, at most 32 MiB) mmap threshold gets fresh pages and the heap
/// top is trimmed after large frees, so a training step of ResNet-18 at batch 16 takes 80,000–250,000 minor page faults
/// (0.25–0.8 s of kernel time, ~10 % of the step on one core, measured; PyTorch 1.13 pays the same). After this call the
/// same step takes ~0 faults; the resident size stays at the peak instead. Linux with glibc only: elsewhere, and on
/// allocators without <c>mallopt</c>, it does nothing and returns false. Process-wide and idempotent: call it once at
/// start-up (the modelzoo CLI and the benchmarks do); equivalent to MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=... in the
/// environment of a process that has not started yet.
/// </summary>
public static class NativeHeap
{
    private const int MTrimThreshold = -1, MTopPad = -2, MMmapMax = -4;
    private static bool? s_applied;

    /// <summary>True when glibc accepted the settings (no mmap for large blocks, no trimming, 64 MiB top padding).</summary>
    public static bool KeepFreedMemory()
    {
        if (s_applied is { } done) return done;
        bool ok = false;
        if (OperatingSystem.IsLinux())
        {
            try
            {
                ok = mallopt(MMmapMax, 0) == 1;
                ok &= mallopt(MTrimThreshold, int.MaxValue) == 1;
                ok &= mallopt(MTopPad, 64 << 20) == 1;
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                ok = false;
            }
        }
        s_applied = ok;
        return ok;
    }

#pragma warning disable SYSLIB1054 // DllImport keeps the library free of unsafe code (LibraryImport needs it).
    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int mallopt(int parameter, int value);
#pragma warning restore SYSLIB1054
}
