using System.Diagnostics;
using ModelZoo.Models.LeNets;
using ModelZoo.Models.Weights;
using ModelZoo.Models.Weights.SafetensorsFormat;
using ModelZoo.Models.Weights.TorchSharpFormat;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.Weights.Fuzz;

/// <summary>
/// Seeded, bounded fuzzing of every weights format through <see cref="WeightFile.ReadStateDict"/> (what the CLI
/// calls): zip .pth (real PyTorch files), legacy .pt, safetensors and TorchSharp .dat, mutated in hundreds of ways.
/// Every case either loads or is refused with <see cref="InvalidDataException"/> / <see cref="UnsafeCheckpointException"/> /
/// <see cref="KeyNotFoundException"/> carrying one printable line that names the file; nothing crashes or hangs; the
/// managed allocation of one read stays under a bound set by the file size, and so do the tensors it returns. For
/// zip files the CRC-32 makes this stronger: a change inside any entry's bytes is always refused, and a damaged file
/// that still loads holds exactly the original tensors.
/// </summary>
public sealed class FuzzCheckpointTests
{
    private readonly ITestOutputHelper _output;

    public FuzzCheckpointTests(ITestOutputHelper output) => _output = output;

    private sealed record Snapshot(IReadOnlyList<string> Keys, IReadOnlyList<string> Signatures);

    private sealed class Tally
    {
        public int Cases, Refused, Loaded, LoadedIdentical, EntryBytesChanged, EntryBytesRefusedByCrc;
        public long MaxAllocated;
        public double MaxSeconds;
        public readonly Dictionary<string, int> Types = new();

        public override string ToString() =>
            $"{Cases} cases: {Refused} refused ({string.Join(", ", Types.Select(t => $"{t.Key} {t.Value}"))}), {Loaded} loaded "
            + $"({LoadedIdentical} identical to the original); entry bytes changed in {EntryBytesChanged}, refused by CRC-32 in "
            + $"{EntryBytesRefusedByCrc}; max managed allocation {MaxAllocated:N0} bytes; slowest case {MaxSeconds * 1000:F0} ms";
    }

    [Fact(Timeout = 300_000)]
    public async Task Zip_checkpoints_written_by_pytorch() => await Task.Run(() =>
    {
        Tally lenet = Run("lenet.pth", File.ReadAllBytes(RepoPaths.SharedData("checkpoints", "fyh620-lenet", "lenet.pth")), 160, seed: 1301, zip: true);
        Tally dtypes = Run("dtypes.pth", File.ReadAllBytes(ExpectedTensors.Fixture("dtypes.pth")), 90, seed: 1302, zip: true);
        Assert.Equal(250, lenet.Cases + dtypes.Cases);
        Assert.True(lenet.EntryBytesChanged + dtypes.EntryBytesChanged >= 100, "too few mutations inside entries");
    });

    [Fact(Timeout = 300_000)]
    public async Task Legacy_checkpoints() => await Task.Run(() =>
    {
        Tally t = Run("mnist_cnn.pt", File.ReadAllBytes(RepoPaths.SharedData("checkpoints", "khushbujpatel-lenet5", "mnist_cnn.pt")), 110, seed: 1303, zip: false);
        Tally u = Run("dtypes_legacy.pt", File.ReadAllBytes(ExpectedTensors.Fixture("dtypes_legacy.pt")), 90, seed: 1304, zip: false);
        Assert.Equal(200, t.Cases + u.Cases);
    });

    [Fact(Timeout = 300_000)]
    public async Task Safetensors_files() => await Task.Run(() =>
    {
        Tally samples = Run("overall.safetensors", File.ReadAllBytes(RepoPaths.SharedData("checkpoints", "safetensors-samples", "overall.safetensors")), 100, seed: 1305, zip: false);
        using var dir = RepoPaths.NewTempDir();
        using (var model = LeNetBuilders.LeNet5(seed: 0)) Safetensors.Save(dir.File("lenet.safetensors"), model.state_dict());
        Tally lenet = Run("lenet.safetensors", File.ReadAllBytes(dir.File("lenet.safetensors")), 100, seed: 1306, zip: false);
        Assert.Equal(200, samples.Cases + lenet.Cases);
    });

    [Fact(Timeout = 300_000)]
    public async Task TorchSharp_dat_files() => await Task.Run(() =>
    {
        using var dir = RepoPaths.NewTempDir();
        using (var model = LeNetBuilders.LeNet5(seed: 0)) TorchSharpWeights.Save(model, dir.File("lenet.dat"));
        Tally t = Run("lenet.dat", File.ReadAllBytes(dir.File("lenet.dat")), 200, seed: 1307, zip: false);
        Assert.Equal(200, t.Cases);
    });

    private Tally Run(string name, byte[] original, int cases, int seed, bool zip)
    {
        using var dir = RepoPaths.NewTempDir();
        string path = dir.File(name);
        File.WriteAllBytes(path, original);
        Snapshot reference = Read(path, out _, out _) ?? throw new InvalidOperationException($"{name} does not load unmutated.");
        IReadOnlyList<ZipLayout.Entry> entries = zip ? ZipLayout.Entries(original) : [];
        var tally = new Tally();
        var random = new Random(seed);
        var failures = new List<string>();
        for (int c = 0; c < cases; c++)
        {
            // For zip files a third of the mutations land inside an entry's bytes, a third in the zip's own records.
            (int, int)? focus = null;
            if (zip && c % 3 == 0)
            {
                ZipLayout.Entry e = entries[random.Next(entries.Count)];
                if (e.DataLength > 0) focus = (e.DataStart, e.DataStart + e.DataLength);
            }
            (byte[] bytes, string what, bool inPlace, IReadOnlyList<int> changed) = ByteMutator.Mutate(original, random, focus);
            if (inPlace && changed.Count == 0) { c--; continue; }   // a no-op mutation (same byte written back)
            File.WriteAllBytes(path, bytes);
            var watch = Stopwatch.StartNew();
            Snapshot? loaded;
            long allocated;
            Exception? error;
            loaded = Read(path, out allocated, out error);
            double seconds = watch.Elapsed.TotalSeconds;
            tally.Cases++;
            tally.MaxAllocated = Math.Max(tally.MaxAllocated, allocated);
            tally.MaxSeconds = Math.Max(tally.MaxSeconds, seconds);
            string label = $"{name} case {c} ({what})";
            if (seconds > 5) failures.Add($"{label}: took {seconds:F1} s");
            if (allocated > 4L * original.Length + (4 << 20)) failures.Add($"{label}: allocated {allocated:N0} managed bytes for a {bytes.Length:N0}-byte file");
            bool entryChanged = zip && inPlace && changed.Any(i => ZipLayout.At(entries, i) is not null);
            if (entryChanged) tally.EntryBytesChanged++;
            if (error is null)
            {
                tally.Loaded++;
                if (loaded!.Signatures.SequenceEqual(reference.Signatures) && loaded.Keys.SequenceEqual(reference.Keys)) tally.LoadedIdentical++;
                else if (zip) failures.Add($"{label}: loaded tensors that differ from the original's");
                if (entryChanged) failures.Add($"{label}: changed an entry's bytes but loaded");
                continue;
            }
            tally.Refused++;
            string type = error.GetType().Name;
            tally.Types[type] = tally.Types.GetValueOrDefault(type) + 1;
            if (error is not (InvalidDataException or UnsafeCheckpointException or KeyNotFoundException))
                failures.Add($"{label}: {type}: {error.Message}");
            string message = error.Message;
            if (message.Any(ch => char.IsControl(ch) || ch == '\uFFFD' || char.IsSurrogate(ch)))
                failures.Add($"{label}: message is not printable: {Escape(message)}");
            if (!message.Contains(path)) failures.Add($"{label}: message does not name the file: {Escape(message)}");
            if (entryChanged)
            {
                if (message.Contains("CRC-32")) tally.EntryBytesRefusedByCrc++;
                else failures.Add($"{label}: changed an entry's bytes, refused without the CRC-32: {Escape(message)}");
            }
        }
        _output.WriteLine($"{name}: {tally}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases} cases failed:\n" + string.Join("\n", failures.Take(20)));
        return tally;
    }

    /// <summary>Reads the file as the CLI does; on success the keys, and per tensor its dtype, shape and bytes.</summary>
    private static Snapshot? Read(string path, out long allocated, out Exception? error)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        TensorDict state;
        try
        {
            state = WeightFile.ReadStateDict(path);
        }
        catch (Exception e)
        {
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            error = e;
            return null;
        }
        allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        error = null;
        using (state)
        {
            long fileLength = new FileInfo(path).Length;
            long tensorBytes = state.Values.Sum(t => t.numel() * t.element_size());
            if (tensorBytes > 2 * fileLength + 4096)
                throw new Xunit.Sdk.XunitException($"{path}: {tensorBytes:N0} bytes of tensors from a {fileLength:N0}-byte file");
            var signatures = state.Select(kv =>
            {
                using Tensor flat = kv.Value.contiguous();
                byte[] data = flat.bytes.ToArray();
                return $"{kv.Value.dtype} {string.Join("x", kv.Value.shape)} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(data))}";
            }).ToArray();
            return new Snapshot(state.Keys.ToArray(), signatures);
        }
    }

    private static string Escape(string s) => string.Concat(s.Select(ch => char.IsControl(ch) || ch == '\uFFFD' ? $"\\u{(int)ch:X4}" : ch.ToString()));
}
