using System.Runtime.CompilerServices;

namespace ModelZoo.Tests;

internal static class TestTorchSetup
{
    /// <summary>Test assemblies run in parallel on a 2-core machine; libtorch's OpenMP threads spin-wait and
    /// slow everything down badly when oversubscribed, so tests use one intra-op thread.</summary>
    [ModuleInitializer]
    internal static void OneIntraOpThread() => TorchSharp.torch.set_num_threads(1);
}
