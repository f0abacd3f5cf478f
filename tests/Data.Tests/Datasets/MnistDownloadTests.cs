using ModelZoo.Data.Datasets.Mnist;

namespace ModelZoo.Data.Tests.Datasets;

/// <summary>The MNIST downloader against a loopback server: real files with their real hashes, wrong bytes,
/// a connection that dies midway, and no server at all.</summary>
public sealed class MnistDownloadTests
{
    private static byte[] Shared(string name) => File.ReadAllBytes(RepoPaths.SharedData("mnist", name));

    [Fact]
    public async Task Real_files_with_matching_sha256_are_downloaded_and_load()
    {
        using var server = new LoopbackHttpServer();
        server.Serve("mnist/t10k-images-idx3-ubyte.gz", Shared("t10k-images-idx3-ubyte.gz"));
        server.Serve("mnist/t10k-labels-idx1-ubyte.gz", Shared("t10k-labels-idx1-ubyte.gz"));
        using TempDir dir = RepoPaths.NewTempDir();
        await MnistDownloader.EnsureAsync(dir.Path, mirrors: new[] { server.Url("mnist/") }, split: MnistSplit.Test);
        Assert.Equal(Shared("t10k-images-idx3-ubyte.gz"), File.ReadAllBytes(dir.File("t10k-images-idx3-ubyte.gz")));
        Assert.Equal(10_000, MnistDataset.Load(dir.Path, MnistSplit.Test).Count);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.part"));

        int requests = server.Requests.Count;
        await MnistDownloader.EnsureAsync(dir.Path, mirrors: new[] { server.Url("mnist/") }, split: MnistSplit.Test);
        Assert.Equal(requests, server.Requests.Count);   // present files are not fetched again
    }

    [Fact]
    public async Task Wrong_bytes_are_refused_and_nothing_is_left_under_the_final_name()
    {
        using var server = new LoopbackHttpServer();
        byte[] wrong = Shared("t10k-labels-idx1-ubyte.gz");
        server.Serve("m/t10k-images-idx3-ubyte.gz", wrong);
        using TempDir dir = RepoPaths.NewTempDir();
        var ex = await Assert.ThrowsAsync<IOException>(() =>
            MnistDownloader.EnsureAsync(dir.Path, mirrors: new[] { server.Url("m/") }, split: MnistSplit.Test));
        Assert.Contains("Hash mismatch", ex.Message);
        Assert.Contains("t10k-images-idx3-ubyte.gz", ex.Message);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public async Task A_connection_dying_midway_leaves_no_file_and_a_retry_completes()
    {
        using var server = new LoopbackHttpServer();
        byte[] images = Shared("t10k-images-idx3-ubyte.gz");
        server.ServeTruncated("m/t10k-images-idx3-ubyte.gz", images, images.Length / 3);
        server.Serve("m/t10k-labels-idx1-ubyte.gz", Shared("t10k-labels-idx1-ubyte.gz"));
        using TempDir dir = RepoPaths.NewTempDir();
        await Assert.ThrowsAsync<IOException>(() =>
            MnistDownloader.EnsureAsync(dir.Path, mirrors: new[] { server.Url("m/") }, split: MnistSplit.Test));
        Assert.False(File.Exists(dir.File("t10k-images-idx3-ubyte.gz")));

        server.Serve("m/t10k-images-idx3-ubyte.gz", images);   // the server recovers: resume from the partial file
        await MnistDownloader.EnsureAsync(dir.Path, mirrors: new[] { server.Url("m/") }, split: MnistSplit.Test);
        Assert.Equal(images, File.ReadAllBytes(dir.File("t10k-images-idx3-ubyte.gz")));
    }

    [Fact]
    public async Task Offline_the_error_names_the_four_files_and_the_directory()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        var ex = await Assert.ThrowsAsync<IOException>(() =>
            MnistDownloader.EnsureAsync(dir.Path, mirrors: new[] { LoopbackHttpServer.UnreachableUrl("mnist/") }));
        foreach (string f in MnistFiles.AllGzipFiles) Assert.Contains(f, ex.Message);
        Assert.Contains(dir.Path, ex.Message);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }
}
