using System.Security.Cryptography;
using ModelZoo.Models.Pretrained;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.Pretrained;

/// <summary>Downloads against a loopback server on 127.0.0.1 (never the internet): good file, wrong hash, a server that
/// dies mid-transfer (then a resumed and a restarted retry), an unreachable server, and a real checkpoint end to end.</summary>
public sealed class WeightsDownloadTests : IDisposable
{
    private readonly WeightsHttpServer _server = new();
    private readonly TempDir _temp = new();

    public void Dispose()
    {
        _server.Dispose();
        _temp.Dispose();
    }

    private static byte[] Payload(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static string Sha256Prefix(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant()[..8];

    /// <summary>A catalog-shaped entry for a file named like torchvision's: stem-&lt;sha256 prefix&gt;.pth.</summary>
    private PretrainedWeights Entry(string fileName, string model = "resnet18") =>
        TorchvisionWeights.ResNet18.ImageNet1kV1 with { Model = model, Url = $"https://download.pytorch.org/models/{fileName}" };

    private WeightsCache Cache(string? baseUrl = null) => new(new WeightsCacheOptions
    {
        Home = _temp.Path, TorchHome = _temp.File("torch"), BaseUrl = baseUrl ?? _server.BaseUrl + "/mirror",
    });

    private sealed class Recorder : IProgress<WeightsDownloadProgress>
    {
        public List<WeightsDownloadProgress> Reports { get; } = new();
        public void Report(WeightsDownloadProgress value) => Reports.Add(value);
    }

    [Fact]
    public async Task GoodFileIsDownloadedWithProgressIntoTheCache()
    {
        byte[] body = Payload(300_000, 1);
        string name = $"tiny-{Sha256Prefix(body)}.pth";
        _server.Serve("/mirror/" + name, body);
        WeightsCache cache = Cache();
        var progress = new Recorder();

        string path = await cache.EnsureAsync(Entry(name), progress);

        Assert.Equal(Path.Combine(_temp.Path, "checkpoints", name), path);
        Assert.Equal(body, File.ReadAllBytes(path));
        Assert.False(File.Exists(path + ".part"));
        Assert.NotEmpty(progress.Reports);
        Assert.Equal((body.Length, (long?)body.Length), (progress.Reports[^1].BytesReceived, progress.Reports[^1].TotalBytes));
        Assert.Equal(1.0, progress.Reports[^1].Fraction);
        Assert.True(WeightsCache.Verify(Entry(name), path));
        // A second call uses the cache: no new request.
        int requests = _server.Requests.Count;
        Assert.Equal(path, await cache.EnsureAsync(Entry(name)));
        Assert.Equal(requests, _server.Requests.Count);
    }

    [Fact]
    public async Task WrongHashIsRefusedAndLeavesNothingInTheCache()
    {
        byte[] body = Payload(100_000, 2);
        string name = "tiny-deadbeef.pth";   // not the prefix of body's SHA-256
        _server.Serve("/mirror/" + name, body);
        WeightsCache cache = Cache();

        var ex = await Assert.ThrowsAsync<WeightsUnavailableException>(() => cache.EnsureAsync(Entry(name)));

        Assert.Equal(WeightsUnavailableReason.HashMismatch, ex.Reason);
        Assert.Contains("deadbeef", ex.Message);
        Assert.Contains(_server.BaseUrl + "/mirror/" + name, ex.Message);
        Assert.Contains(cache.PathFor(Entry(name)), ex.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(cache.Directory));
    }

    [Theory]
    [InlineData(true)]    // the retry resumes with a Range request
    [InlineData(false)]   // the server ignores Range: the retry restarts from byte 0
    public async Task ServerDyingMidwayLeavesNoCacheEntryAndARetrySucceeds(bool supportRange)
    {
        byte[] body = Payload(400_000, 3);
        string name = $"tiny-{Sha256Prefix(body)}.pth";
        _server.Serve("/mirror/" + name, body, supportRange, dieAfterBytes: 150_000);
        WeightsCache cache = Cache();
        PretrainedWeights entry = Entry(name);

        var ex = await Assert.ThrowsAsync<WeightsUnavailableException>(() => cache.EnsureAsync(entry));
        Assert.Equal(WeightsUnavailableReason.DownloadFailed, ex.Reason);
        Assert.Contains(cache.PathFor(entry), ex.Message);
        Assert.False(File.Exists(cache.PathFor(entry)));
        Assert.Null(cache.Find(entry));
        Assert.Equal(150_000, new FileInfo(cache.PathFor(entry) + ".part").Length);
        Assert.Contains($"a partial file of 150,000 bytes is kept at {cache.PathFor(entry)}.part and resumed next time", ex.Message);

        string path = await cache.EnsureAsync(entry);

        Assert.Equal(body, File.ReadAllBytes(path));
        Assert.False(File.Exists(path + ".part"));
        (string _, string? range) = _server.Requests.Last();
        Assert.Equal("bytes=150000-", range);
    }

    [Fact]
    public async Task UnreachableServerGivesTheUrlAndThePath()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }   // closed again: nothing listens on the port
        WeightsCache cache = Cache($"http://127.0.0.1:{port}/models");
        PretrainedWeights entry = Entry("tiny-0123abcd.pth");

        var ex = await Assert.ThrowsAsync<WeightsUnavailableException>(() => cache.EnsureAsync(entry));

        Assert.Equal(WeightsUnavailableReason.DownloadFailed, ex.Reason);
        Assert.Equal($"http://127.0.0.1:{port}/models/tiny-0123abcd.pth", ex.Url);
        Assert.Contains(ex.Url, ex.Message);
        Assert.Contains($"place it at {cache.PathFor(entry)}", ex.Message);
        Assert.False(File.Exists(cache.PathFor(entry)));
        // Nothing arrived, so the message claims no partial file (issue 13: it used to name a .part that did not exist).
        Assert.False(File.Exists(cache.PathFor(entry) + ".part"));
        Assert.Contains("nothing was received, so no partial file was kept", ex.Message);
        Assert.DoesNotContain(".part", ex.Message);
    }

    [Fact]
    public async Task RealCheckpointDownloadsAndLoadsStrictly()
    {
        // akamaster's CIFAR ResNet-20 (legacy torch.save, nested dict, "module." keys); its name carries its SHA-256 prefix.
        string source = RepoPaths.SharedData("checkpoints", "akamaster-resnet20-cifar10", "resnet20-12fca82f.th");
        _server.Serve("/mirror/resnet20-12fca82f.th", File.ReadAllBytes(source));
        PretrainedWeights entry = Entry("resnet20-12fca82f.th", "resnet20-cifar") with { HasImageNetCategories = false, Name = "CIFAR10" };
        var options = new PretrainedOptions { Cache = new WeightsCacheOptions { Home = _temp.Path, UseTorchHubCache = false, BaseUrl = _server.BaseUrl + "/mirror" } };

        using PretrainedModel loaded = await PretrainedLoader.LoadAsync(entry, options);

        Assert.True(loaded.LoadResult.IsExact, loaded.LoadResult.ToString());
        Assert.Equal(Path.Combine(_temp.Path, "checkpoints", "resnet20-12fca82f.th"), loaded.File);
        loaded.Model.eval();
        using var noGrad = torch.no_grad();
        using Tensor logits = loaded.Model.call(torch.zeros(1, 3, 32, 32));
        float[] expected = { 3.2761f, -2.3189f, 0.4191f, 4.5202f, -1.3386f, 0.6448f, 0.3349f, -1.7288f, 0.1667f, -4.0055f };
        float[] got = logits.data<float>().ToArray();
        for (int i = 0; i < 10; i++) Assert.True(Math.Abs(expected[i] - got[i]) < 1e-3, $"logit {i}: {got[i]} vs {expected[i]}");
    }
}
