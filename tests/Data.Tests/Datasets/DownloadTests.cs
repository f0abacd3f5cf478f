using System.Security.Cryptography;
using ModelZoo.Data.Datasets.Cifar;
using ModelZoo.Data.Datasets.Download;

namespace ModelZoo.Data.Tests.Datasets;

public class DownloadTests
{
    private static string Md5(byte[] bytes) => Convert.ToHexString(MD5.HashData(bytes)).ToLowerInvariant();

    /// <summary>A tiny CIFAR-10 binary distribution: cifar-10-batches-bin/{data_batch_1..5,test_batch}.bin of 2 records each.</summary>
    private static byte[] TinyCifarArchive()
    {
        var tar = new TarBuilder().Directory("cifar-10-batches-bin");
        byte[] records = Enumerable.Range(0, 2 * 3073).Select(i => (byte)(i % 3073 == 0 ? i / 3073 + 3 : i % 256)).ToArray();
        foreach (string file in CifarFiles.DataFiles(CifarVariant.Cifar10, CifarFormat.Binary, CifarSplit.Train)
                     .Concat(CifarFiles.DataFiles(CifarVariant.Cifar10, CifarFormat.Binary, CifarSplit.Test)))
            tar.File("cifar-10-batches-bin/" + file, records);
        return tar.ToTarGz();
    }

    private static DatasetArchive Archive(string url, byte[] content) =>
        new(url, "cifar-10-binary.tar.gz", Md5(content), "cifar-10-batches-bin");

    [Fact]
    public async Task GoodDownload_IsVerifiedExtractedAndLoadable_AndNotFetchedTwice()
    {
        using var server = new LoopbackHttpServer();
        using var dir = RepoPaths.NewTempDir();
        byte[] archive = TinyCifarArchive();
        server.Serve("cifar.tgz", archive);
        var progress = new List<long>();
        string folder = await CifarDownloader.EnsureAsync(dir.Path, CifarVariant.Cifar10, CifarFormat.Binary,
            Archive(server.Url("cifar.tgz"), archive), new SyncProgress<(long Bytes, long? Total)>(p => progress.Add(p.Bytes)));
        Assert.Equal(Path.Combine(dir.Path, "cifar-10-batches-bin"), folder);
        Assert.Equal(archive, File.ReadAllBytes(Path.Combine(dir.Path, "cifar-10-binary.tar.gz")));
        Assert.Equal(archive.Length, progress.Last());
        CifarDataset test = CifarDataset.Load(dir.Path, CifarVariant.Cifar10, CifarSplit.Test);
        Assert.Equal(new[] { 3, 4 }, new[] { test[0].Label, test[1].Label });
        Assert.Equal(10, CifarDataset.Load(dir.Path).Count);

        await CifarDownloader.EnsureAsync(dir.Path, CifarVariant.Cifar10, CifarFormat.Binary, Archive(server.Url("cifar.tgz"), archive));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task WrongBytes_AreDiscarded_LeavingNothing()
    {
        using var server = new LoopbackHttpServer();
        using var dir = RepoPaths.NewTempDir();
        byte[] archive = TinyCifarArchive();
        byte[] tampered = (byte[])archive.Clone();
        tampered[^20] ^= 0xFF;
        server.Serve("cifar.tgz", tampered);
        var ex = await Assert.ThrowsAsync<DatasetDownloadException>(() =>
            DatasetDownloader.EnsureAsync(Archive(server.Url("cifar.tgz"), archive), dir.Path));
        Assert.Contains("Hash mismatch", ex.Message);
        Assert.Contains(Md5(archive), ex.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [Fact]
    public async Task ServerDyingMidway_LeavesNoTargetFile_AndTheNextAttemptResumes()
    {
        using var server = new LoopbackHttpServer();
        using var dir = RepoPaths.NewTempDir();
        byte[] archive = TinyCifarArchive();
        server.ServeTruncated("cifar.tgz", archive, sendBytes: archive.Length / 2);
        var ex = await Assert.ThrowsAsync<DatasetDownloadException>(() =>
            DatasetDownloader.EnsureAsync(Archive(server.Url("cifar.tgz"), archive), dir.Path));
        string target = Path.Combine(dir.Path, "cifar-10-binary.tar.gz");
        Assert.Contains(server.Url("cifar.tgz"), ex.Message);
        Assert.False(File.Exists(target));
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "cifar-10-batches-bin")));
        long partial = new FileInfo(target + ".part").Length;
        Assert.InRange(partial, 1, archive.Length - 1);

        server.Serve("cifar.tgz", archive);
        await DatasetDownloader.EnsureAsync(Archive(server.Url("cifar.tgz"), archive), dir.Path);
        Assert.Equal(archive, File.ReadAllBytes(target));
        Assert.Equal(partial, server.Requests[^1].RangeStart); // resumed, not restarted
        Assert.False(File.Exists(target + ".part"));
    }

    [Fact]
    public async Task Offline_GivesAClearMessageWithTheUrlAndThePath()
    {
        using var dir = RepoPaths.NewTempDir();
        string url = LoopbackHttpServer.UnreachableUrl("cifar-10-binary.tar.gz");
        var ex = await Assert.ThrowsAsync<DatasetDownloadException>(() =>
            CifarDownloader.EnsureAsync(dir.Path, CifarVariant.Cifar10, CifarFormat.Binary, Archive(url, new byte[1])));
        string target = Path.Combine(dir.Path, "cifar-10-binary.tar.gz");
        Assert.Contains(url, ex.Message);
        Assert.Contains(target, ex.Message);
        Assert.Equal(url, ex.Url);
        Assert.Equal(target, ex.TargetPath);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task HttpError_IsReported()
    {
        using var server = new LoopbackHttpServer();
        using var dir = RepoPaths.NewTempDir();
        server.ServeStatus("gone.tgz", 404);
        var ex = await Assert.ThrowsAsync<DatasetDownloadException>(() =>
            DatasetDownloader.EnsureAsync(Archive(server.Url("gone.tgz"), new byte[1]), dir.Path));
        Assert.Contains("404", ex.Message);
    }

    [Fact]
    public void OfficialArchives_AreTorchvisionsAndTheCifarPages()
    {
        Assert.Equal("c58f30108f718f92721af3b95e74349a", CifarFiles.Archive(CifarVariant.Cifar10, CifarFormat.Python).Md5);
        Assert.Equal("eb9058c3a382ffc7106e4002c42a8d85", CifarFiles.Archive(CifarVariant.Cifar100, CifarFormat.Python).Md5);
        Assert.Equal("cifar-100-python", CifarFiles.Archive(CifarVariant.Cifar100, CifarFormat.Python).ExtractedFolder);
        Assert.StartsWith("https://www.cs.toronto.edu/~kriz/", CifarFiles.Archive(CifarVariant.Cifar100, CifarFormat.Binary).Url);
    }

    /// <summary>Reports synchronously (Progress&lt;T&gt; posts to the thread pool, too late for an assertion).</summary>
    private sealed class SyncProgress<T> : IProgress<T>
    {
        private readonly Action<T> _report;
        public SyncProgress(Action<T> report) => _report = report;
        public void Report(T value) => _report(value);
    }
}
