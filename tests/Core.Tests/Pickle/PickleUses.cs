using System.IO.Compression;
using ModelZoo.Core.Pickle;
using ModelZoo.Data.Datasets.Cifar.Pickle;
using ModelZoo.Models.Weights;
using ModelZoo.Models.Weights.Pickle;
using ModelZoo.Models.Weights.PyTorch;

namespace ModelZoo.Core.Tests.Pickle;

/// <summary>
/// The uses of the one restricted unpickler, by name: "checkpoint" (Models' weights readers, torch's state-dict
/// rebuild functions) and "cifar" (Data's CIFAR reader, numpy arrays). Tests are theories over <see cref="Names"/>, so
/// every security and robustness property is checked against the same reader for both allow-lists.
/// </summary>
internal static class PickleUses
{
    public static readonly string[] Names = ["checkpoint", "cifar"];

    public static TheoryData<string> All => new(Names);

    public static PickleAllowList AllowList(string use) => use switch
    {
        "checkpoint" => TorchAllowList.Instance,
        "cifar" => NumpyAllowList.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(use), use, null),
    };

    /// <summary>The exact exception type the use refuses a global with.</summary>
    public static Type Refusal(string use) => use == "checkpoint" ? typeof(UnsafeCheckpointException) : typeof(InvalidDataException);

    /// <summary>Reads one pickle as the use's reader does (a checkpoint resolves storage persistent ids).</summary>
    public static object? Load(string use, byte[] pickle, string source)
    {
        Func<object?, object?>? persistent = use == "checkpoint" ? pid => ZipCheckpointReader.StorageId(pid, source) : null;
        return RestrictedUnpickler.Load(new MemoryStream(pickle, writable: false), source, AllowList(use), persistent);
    }

    /// <summary>Asserts that <paramref name="pickle"/> is refused for naming <paramref name="global"/>.</summary>
    public static void AssertRefused(string use, byte[] pickle, string global, string source = "evil.pkl")
    {
        Exception ex = Assert.ThrowsAny<Exception>(() => Load(use, pickle, source));
        Assert.IsType(Refusal(use), ex);
        Assert.StartsWith(source, ex.Message);
        Assert.Contains($"refused to load: the pickle references the Python global '{global}'", ex.Message);
        if (ex is UnsafeCheckpointException unsafeCheckpoint) Assert.Equal(global, unsafeCheckpoint.Global);
    }

    /// <summary>Real pickles the use reads: PyTorch's data.pkl of the weights fixtures, the CIFAR fixtures, and the
    /// plain-data pickles of every protocol (both uses read those).</summary>
    public static IEnumerable<string> Fixtures(string use)
    {
        IEnumerable<string> own = use == "checkpoint"
            ? ["dtypes.pth", "nested_p1.pth", "nested_p4.pth", "nested_p5.pth", "shared.pth", "bigendian.pth"]
            : ["cifar10_protocol2.pkl", "cifar10_py2style.pkl", "cifar10_protocol4.pkl", "cifar100_protocol2.pkl", "batches.meta.pkl"];
        return own.Concat(Enumerable.Range(0, 6).Select(p => $"plain_p{p}.pkl"));
    }

    public static TheoryData<string, string> UsesAndFixtures()
    {
        var data = new TheoryData<string, string>();
        foreach (string use in Names)
            foreach (string file in Fixtures(use)) data.Add(use, file);
        return data;
    }

    /// <summary>The pickle bytes of a fixture: a .pth's data.pkl entry, or the whole .pkl file.</summary>
    public static byte[] FixtureBytes(string file)
    {
        if (file.StartsWith("plain_", StringComparison.Ordinal)) return File.ReadAllBytes(RepoPaths.Fixtures("pickle", file));
        if (!file.EndsWith(".pth", StringComparison.Ordinal)) return File.ReadAllBytes(RepoPaths.Fixtures("data", "cifar", file));
        using ZipArchive zip = ZipFile.OpenRead(RepoPaths.Fixtures("weights", file));
        using Stream entry = zip.Entries.Single(e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal)).Open();
        var bytes = new MemoryStream();
        entry.CopyTo(bytes);
        return bytes.ToArray();
    }
}
