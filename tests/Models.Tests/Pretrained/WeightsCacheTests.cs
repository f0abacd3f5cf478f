using ModelZoo.Models.Pretrained;

namespace ModelZoo.Models.Tests.Pretrained;

/// <summary>Where the cache looks: options, then MODELZOO_HOME / TORCH_HOME / XDG_CACHE_HOME, then ~/.cache; ModelZoo's
/// folder before PyTorch's hub folder. The environment is injected, so the real one and the real home are untouched.</summary>
public sealed class WeightsCacheTests
{
    private static readonly PretrainedWeights s_weights = TorchvisionWeights.ResNet18.ImageNet1kV1;

    private static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void ModelZooHomeComesBeforeTorchHome()
    {
        using var temp = new TempDir();
        string zoo = temp.File("zoo"), torchHome = temp.File("torch");
        var cache = new WeightsCache(null, Env(("MODELZOO_HOME", zoo), ("TORCH_HOME", torchHome)));
        Assert.Equal(Path.Combine(zoo, "checkpoints"), cache.Directory);
        Assert.Equal(Path.Combine(torchHome, "hub", "checkpoints"), cache.TorchHubDirectory);
        Assert.Null(cache.Find(s_weights));

        string inTorch = Path.Combine(torchHome, "hub", "checkpoints", "resnet18-f37072fd.pth");
        Directory.CreateDirectory(Path.GetDirectoryName(inTorch)!);
        File.WriteAllText(inTorch, "torch copy");
        Assert.Equal(inTorch, cache.Find(s_weights));
        Assert.Equal(inTorch, cache.Ensure(s_weights));   // reused, no download attempted (the URL is not reachable here)
        Assert.False(File.Exists(cache.PathFor(s_weights)));

        string inZoo = cache.PathFor(s_weights);
        Directory.CreateDirectory(cache.Directory);
        File.WriteAllText(inZoo, "zoo copy");
        Assert.Equal(inZoo, cache.Find(s_weights));
        Assert.Equal(Path.Combine(zoo, "checkpoints", "resnet18-f37072fd.pth"), inZoo);
    }

    [Fact]
    public void OptionsOverrideTheEnvironmentAndDefaultsFollowPyTorch()
    {
        using var temp = new TempDir();
        var env = Env(("MODELZOO_HOME", temp.File("env-zoo")), ("TORCH_HOME", temp.File("env-torch")), ("MODELZOO_WEIGHTS_URL", "http://mirror.invalid/w/"));
        var cache = new WeightsCache(new WeightsCacheOptions { Home = temp.File("opt-zoo"), TorchHome = temp.File("opt-torch"), BaseUrl = "http://127.0.0.1:9/m" }, env);
        Assert.Equal(Path.Combine(temp.File("opt-zoo"), "checkpoints"), cache.Directory);
        Assert.Equal(Path.Combine(temp.File("opt-torch"), "hub", "checkpoints"), cache.TorchHubDirectory);
        Assert.Equal("http://127.0.0.1:9/m/resnet18-f37072fd.pth", cache.UrlFor(s_weights));

        var fromEnv = new WeightsCache(null, env);
        Assert.Equal("http://mirror.invalid/w/resnet18-f37072fd.pth", fromEnv.UrlFor(s_weights));

        var xdg = new WeightsCache(null, Env(("XDG_CACHE_HOME", temp.Path)));
        Assert.Equal(Path.Combine(temp.Path, "modelzoo", "checkpoints"), xdg.Directory);
        Assert.Equal(Path.Combine(temp.Path, "torch", "hub", "checkpoints"), xdg.TorchHubDirectory);
        Assert.Equal(s_weights.Url, xdg.UrlFor(s_weights));

        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var defaults = new WeightsCache(null, Env());
        Assert.Equal(Path.Combine(home, ".cache", "modelzoo", "checkpoints"), defaults.Directory);
        Assert.Equal(Path.Combine(home, ".cache", "torch", "hub", "checkpoints"), defaults.TorchHubDirectory);

        Assert.Null(new WeightsCache(new WeightsCacheOptions { UseTorchHubCache = false }, env).TorchHubDirectory);
        Assert.True(new WeightsCache(null, Env(("MODELZOO_OFFLINE", "1"))).Offline);
        Assert.False(new WeightsCache(new WeightsCacheOptions { Offline = false }, Env(("MODELZOO_OFFLINE", "1"))).Offline);
    }

    [Fact]
    public void OfflineMissingFileNamesTheUrlAndThePathToPlaceItAt()
    {
        using var temp = new TempDir();
        var cache = new WeightsCache(new WeightsCacheOptions { Home = temp.Path, TorchHome = temp.File("torch"), Offline = true }, Env());
        var ex = Assert.Throws<WeightsUnavailableException>(() => cache.Ensure(s_weights));
        Assert.Equal(WeightsUnavailableReason.Offline, ex.Reason);
        Assert.Equal(s_weights.Url, ex.Url);
        Assert.Equal(cache.PathFor(s_weights), ex.TargetPath);
        Assert.Contains(s_weights.Url, ex.Message);
        Assert.Contains(cache.PathFor(s_weights), ex.Message);
        Assert.Contains(cache.TorchHubDirectory!, ex.Message);
        Assert.False(Directory.Exists(cache.Directory) && Directory.EnumerateFileSystemEntries(cache.Directory).Any());
    }
}
