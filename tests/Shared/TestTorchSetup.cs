using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ModelZoo.Tests;

internal static class TestTorchSetup
{
    /// <summary>Test assemblies run in parallel on a 2-core machine. libtorch's OpenMP threads spin-wait and slow
    /// everything down many times over when oversubscribed, so tests use one intra-op thread and, before libtorch
    /// loads, ask OpenMP to sleep rather than spin (the native environment, which libgomp reads, not .NET's copy).</summary>
    [ModuleInitializer]
    internal static void QuietOpenMp()
    {
        if (OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is null)
            _ = setenv("OMP_WAIT_POLICY", "PASSIVE", 0);
        TorchSharp.torch.set_num_threads(1);
    }

#pragma warning disable SYSLIB1054 // DllImport keeps the test projects free of unsafe code.
    [DllImport("libc", CharSet = CharSet.Ansi)]
    private static extern int setenv(string name, string value, int overwrite);
#pragma warning restore SYSLIB1054
}
