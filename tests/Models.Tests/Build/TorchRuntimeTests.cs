using ModelZoo.Build;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.Build;

/// <summary>Proves torch initialises in the test output folder (the libstdc++ fix applied by the build)
/// and that the patcher does what it says on a copy of the real library.</summary>
public sealed class TorchRuntimeTests
{
    private const string Library = "libstdc++.so.6";
    private const string Version = "GLIBCXX_3.4.32";

    [Fact]
    public void Torch_initialises_and_runs_a_convolution()
    {
        using Tensor input = torch.ones(1, 1, 4, 4);
        using Tensor weight = torch.ones(1, 1, 3, 3);
        using Tensor output = nn.functional.conv2d(input, weight);
        Assert.Equal(new long[] { 1, 1, 2, 2 }, output.shape);
        Assert.All(output.data<float>().ToArray(), v => Assert.Equal(9f, v));
    }

    [Fact]
    public void Output_copy_of_LibTorchSharp_is_loadable_on_this_system()
    {
        if (!OperatingSystem.IsLinux()) return;
        string lib = Directory.EnumerateFiles(AppContext.BaseDirectory, "libLibTorchSharp.so", SearchOption.AllDirectories).First();
        ushort? flags = ElfVersionNeedPatcher.ReadFlags(lib, Library, Version);
        string? system = ElfVersionNeedPatcher.FindSystemLibStdCxx();
        bool systemHasIt = system != null && ElfVersionNeedPatcher.LibraryProvidesVersion(system, Version);
        if (flags is { } f && !systemHasIt)
            Assert.True((f & 0x2) != 0, $"{lib} still requires {Version} strictly, and {system} lacks it.");
    }

    [Fact]
    public void Patcher_sets_only_the_weak_bit_is_idempotent_and_leaves_hard_links_alone()
    {
        string source = FindPackageLibrary();
        using TempDir dir = RepoPaths.NewTempDir();
        string original = dir.File("original.so");
        File.Copy(source, original);
        string linked = dir.File("libLibTorchSharp.so");
        File.Copy(original, linked);

        Assert.Equal((ushort)0, ElfVersionNeedPatcher.ReadFlags(original, Library, Version));
        Assert.Equal(VersionNeedPatchResult.Patched, ElfVersionNeedPatcher.MakeWeak(linked, Library, Version));
        Assert.Equal((ushort)2, ElfVersionNeedPatcher.ReadFlags(linked, Library, Version));
        Assert.Equal(VersionNeedPatchResult.AlreadyWeak, ElfVersionNeedPatcher.MakeWeak(linked, Library, Version));

        byte[] before = File.ReadAllBytes(original);
        byte[] after = File.ReadAllBytes(linked);
        Assert.Equal(before.Length, after.Length);
        int[] changed = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToArray();
        Assert.Single(changed);
        Assert.Equal(before[changed[0]] | 0x2, after[changed[0]]);
        Assert.Equal(File.GetLastWriteTimeUtc(original).Date, File.GetLastWriteTimeUtc(linked).Date);
    }

    [Fact]
    public void Patcher_reports_a_requirement_that_is_not_there()
    {
        string source = FindPackageLibrary();
        Assert.Null(ElfVersionNeedPatcher.ReadFlags(source, Library, "GLIBCXX_9.9.99"));
    }

    [Fact]
    public void Patcher_rejects_a_file_that_is_not_an_elf_library_with_a_clear_message()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        string bogus = dir.File("libLibTorchSharp.so");
        File.WriteAllText(bogus, "this is not a shared library, just text long enough to pass the size check..");
        var ex = Assert.Throws<InvalidDataException>(() => ElfVersionNeedPatcher.MakeWeak(bogus, Library, Version));
        Assert.Contains("not an ELF file", ex.Message);
        Assert.Contains(bogus, ex.Message);

        byte[] truncated = File.ReadAllBytes(FindPackageLibrary()).AsSpan(0, 4096).ToArray();
        File.WriteAllBytes(bogus, truncated);
        var ex2 = Assert.Throws<InvalidDataException>(() => ElfVersionNeedPatcher.MakeWeak(bogus, Library, Version));
        Assert.Contains("outside the file", ex2.Message);
    }

    /// <summary>The unpatched library from the NuGet cache (read only; copied before editing).</summary>
    private static string FindPackageLibrary()
    {
        string home = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string path = Path.Combine(home, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(path), $"TorchSharp package library not found at {path}");
        return path;
    }
}
