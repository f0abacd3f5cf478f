using System.Security.Cryptography;
using ModelZoo.Data.Catalog;
using ModelZoo.Data.Datasets.Cifar;
using ModelZoo.Data.Datasets.Download;

namespace ModelZoo.Data.Tests.Datasets;

/// <summary>cifar10 / cifar100 in the dataset catalog: both distributions read from the data directory, and the python
/// archive downloaded (through mirrors, MD5-checked, extracted) when neither is there, against a loopback server.</summary>
public sealed class CifarCatalogTests
{
    private static string Fixture(string name) => RepoPaths.Fixtures("data", "cifar", name);

    /// <summary>The python version's files (the 4-image pickle fixture as every batch) under <paramref name="prefix"/>.</summary>
    private static IEnumerable<(string Name, byte[] Content)> PythonFiles(string prefix)
    {
        byte[] batch = File.ReadAllBytes(Fixture("cifar10_protocol2.pkl"));
        foreach (string file in CifarFiles.DataFiles(CifarVariant.Cifar10, CifarFormat.Python, CifarSplit.Train)) yield return (prefix + file, batch);
        yield return (prefix + "test_batch", File.ReadAllBytes(Fixture("cifar10_py2style.pkl")));
        yield return (prefix + "batches.meta", File.ReadAllBytes(Fixture("batches.meta.pkl")));
    }

    private static byte[] PythonArchive()
    {
        var tar = new TarBuilder().Directory("cifar-10-batches-py");
        foreach ((string name, byte[] content) in PythonFiles("cifar-10-batches-py/")) tar.File(name, content);
        return tar.ToTarGz();
    }

    [Fact]
    public void The_python_version_gives_the_data_batches_for_training_and_the_test_batch_for_evaluation()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        Directory.CreateDirectory(dir.File("cifar-10-batches-py"));
        foreach ((string name, byte[] content) in PythonFiles("cifar-10-batches-py/")) File.WriteAllBytes(dir.File(name), content);

        Assert.True(DatasetCatalog.IsAvailable("cifar10", dir.Path));
        DatasetSplits splits = DatasetCatalog.OpenSplits("CIFAR-10", dir.Path);
        Assert.Equal((20, 4), (splits.Train.Count, splits.Eval!.Count));
        Assert.Equal(("cifar10", 3, 32, 32), (splits.Spec.Name, splits.Spec.Channels, splits.Spec.Height, splits.Spec.Width));
        Assert.Equal(CifarClassNames.Cifar10, splits.Spec.Classes);
        Assert.Equal(new[] { 0.4914, 0.4822, 0.4465 }, splits.Spec.Mean);
        Assert.Equal(new[] { 1, 4, 7, 0 }, Enumerable.Range(0, 4).Select(i => splits.Eval[i].Label));   // (3i + 1) % 10
        (IClassificationDataset test, DatasetSpec spec) = DatasetCatalog.Open("cifar10", dir.Path);
        Assert.Equal(4, test.Count);
        Assert.Equal(splits.Spec.Std, spec.Std);
    }

    [Fact]
    public void The_binary_version_is_read_from_the_directory_itself_and_a_partial_one_is_not_available()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        byte[] Records(int n, int label) => Enumerable.Range(0, n * 3074).Select(i => (byte)(i % 3074 < 2 ? label + i % 3074 : i % 251)).ToArray();
        File.WriteAllBytes(dir.File("test.bin"), Records(3, 4));
        Assert.False(DatasetCatalog.IsAvailable("cifar100", dir.Path));   // no train.bin yet
        File.WriteAllBytes(dir.File("train.bin"), Records(5, 6));
        Assert.True(DatasetCatalog.IsAvailable("cifar100", dir.Path));
        DatasetSplits splits = DatasetCatalog.OpenSplits("cifar100", dir.Path);
        Assert.Equal((5, 3), (splits.Train.Count, splits.Eval!.Count));
        Assert.Equal(100, splits.Spec.Classes.Count);
        Assert.Equal(7, splits.Train[0].Label);   // the fine label (second byte)
        Assert.Equal(5, splits.Eval[2].Label);
    }

    [Fact]
    public async Task A_missing_distribution_is_downloaded_from_the_mirror_checked_extracted_and_then_not_fetched_again()
    {
        using var server = new LoopbackHttpServer();
        using TempDir dir = RepoPaths.NewTempDir();
        byte[] archive = PythonArchive();
        server.Serve("mirror/cifar-10-python.tar.gz", archive);
        DatasetArchive official = CifarFiles.Archive(CifarVariant.Cifar10, CifarFormat.Python);
        var progress = new List<(string File, long Bytes)>();
        await CifarCatalog.EnsureAsync("cifar10", dir.Path, new[] { server.Url("mirror") }, new SyncProgress(p => progress.Add((p.File, p.Bytes))),
            CancellationToken.None, official with { Md5 = Convert.ToHexString(MD5.HashData(archive)).ToLowerInvariant() });

        Assert.Equal("/mirror/cifar-10-python.tar.gz", server.Requests.Single().Path);
        Assert.Equal(("cifar-10-python.tar.gz", (long)archive.Length), progress.Last());
        Assert.Equal(archive, File.ReadAllBytes(dir.File("cifar-10-python.tar.gz")));
        Assert.Equal(20, DatasetCatalog.OpenSplits("cifar10", dir.Path).Train.Count);
        await DatasetCatalog.EnsureDownloadedAsync("cifar10", dir.Path, new[] { server.Url("mirror") });
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task An_archive_that_is_not_the_official_one_is_refused_and_nothing_is_left()
    {
        using var server = new LoopbackHttpServer();
        using TempDir dir = RepoPaths.NewTempDir();
        server.Serve("m/cifar-10-python.tar.gz", PythonArchive());
        var ex = await Assert.ThrowsAsync<DatasetDownloadException>(() => DatasetCatalog.EnsureDownloadedAsync("cifar10", dir.Path, new[] { server.Url("m/") }));
        Assert.Contains("Hash mismatch", ex.Message);
        Assert.Contains(CifarFiles.Archive(CifarVariant.Cifar10, CifarFormat.Python).Md5, ex.Message);   // the official MD5
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [Fact]
    public async Task Offline_the_error_names_the_archive_the_files_and_the_directory()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        string unreachable = LoopbackHttpServer.UnreachableUrl("cifar/");
        var ex = await Assert.ThrowsAsync<DatasetDownloadException>(() => DatasetCatalog.EnsureDownloadedAsync("cifar100", dir.Path, new[] { unreachable }));
        foreach (string part in new[] { "CIFAR-100", "cifar-100-python.tar.gz", unreachable + "cifar-100-python.tar.gz", "cifar-100-python/{train, test, meta}",
                     "cifar-100-binary/{train.bin, test.bin, fine_label_names.txt}", dir.Path })
            Assert.Contains(part, ex.Message);
        Assert.Equal(Path.Combine(dir.Path, "cifar-100-python.tar.gz"), ex.TargetPath);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    private sealed class SyncProgress(Action<(string File, long Bytes, long? Total)> report) : IProgress<(string File, long Bytes, long? Total)>
    {
        public void Report((string File, long Bytes, long? Total) value) => report(value);
    }
}
