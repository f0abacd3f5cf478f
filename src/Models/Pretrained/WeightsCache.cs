using ModelZoo.Core.Downloads;

namespace ModelZoo.Models.Pretrained;

/// <summary>
/// Finds or downloads weights files (torch.hub's <c>load_state_dict_from_url</c> behaviour): a file already in
/// ModelZoo's cache or in PyTorch's hub cache is used as is; otherwise it is downloaded into ModelZoo's cache with
/// progress, into a <c>.part</c> file that a later attempt resumes (HTTP Range) or restarts, checked against the
/// SHA-256 prefix in its name, and renamed into place only when complete and correct. Offline, on a failed download
/// or a hash mismatch, a <see cref="WeightsUnavailableException"/> names the URL and the exact path to place the file at.
/// Settings are resolved once, at construction (see <see cref="WeightsCacheOptions"/>).
/// </summary>
public sealed class WeightsCache
{
    private readonly HttpClient? _client;

    /// <summary>A cache configured by <paramref name="options"/> and the process environment.</summary>
    public WeightsCache(WeightsCacheOptions? options = null) : this(options, Environment.GetEnvironmentVariable) { }

    /// <summary>A cache whose environment lookups go through <paramref name="environment"/> (for tests).</summary>
    internal WeightsCache(WeightsCacheOptions? options, Func<string, string?> environment)
    {
        options ??= new WeightsCacheOptions();
        ArgumentNullException.ThrowIfNull(environment);
        string? Env(string name) => environment(name) is { Length: > 0 } v ? v : null;
        string userCache = Env("XDG_CACHE_HOME")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        string home = options.Home ?? Env("MODELZOO_HOME") ?? Path.Combine(userCache, "modelzoo");
        string torchHome = options.TorchHome ?? Env("TORCH_HOME") ?? Path.Combine(userCache, "torch");
        Directory = Path.GetFullPath(Path.Combine(home, "checkpoints"));
        TorchHubDirectory = options.UseTorchHubCache ? Path.GetFullPath(Path.Combine(torchHome, "hub", "checkpoints")) : null;
        BaseUrl = (options.BaseUrl ?? Env("MODELZOO_WEIGHTS_URL"))?.TrimEnd('/');
        Offline = options.Offline ?? Env("MODELZOO_OFFLINE") is "1" or "true" or "TRUE" or "True";
        _client = options.HttpClient;
    }

    /// <summary>ModelZoo's weights folder (downloads go here).</summary>
    public string Directory { get; }

    /// <summary>PyTorch's hub checkpoints folder searched second, or null when switched off.</summary>
    public string? TorchHubDirectory { get; }

    /// <summary>The mirror downloads come from, or null for the entries' own URLs.</summary>
    public string? BaseUrl { get; }

    /// <summary>True when downloading is switched off.</summary>
    public bool Offline { get; }

    /// <summary>Where <paramref name="weights"/> is (or would be) stored by ModelZoo.</summary>
    public string PathFor(PretrainedWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        return Path.Combine(Directory, weights.FileName);
    }

    /// <summary>The URL <paramref name="weights"/> is downloaded from (the mirror's when <see cref="BaseUrl"/> is set).</summary>
    public string UrlFor(PretrainedWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        return BaseUrl is null ? weights.Url : $"{BaseUrl}/{weights.FileName}";
    }

    /// <summary>The path of an already cached copy: ModelZoo's cache first, then PyTorch's hub cache; null when neither
    /// has it. Cached files are trusted (as torch.hub does); <see cref="Verify"/> checks one explicitly.</summary>
    public string? Find(PretrainedWeights weights)
    {
        string own = PathFor(weights);
        if (File.Exists(own)) return own;
        if (TorchHubDirectory is not null)
        {
            string torch = Path.Combine(TorchHubDirectory, weights.FileName);
            if (File.Exists(torch)) return torch;
        }
        return null;
    }

    /// <summary>True when the file at <paramref name="path"/> has the SHA-256 prefix of <paramref name="weights"/>.</summary>
    public static bool Verify(PretrainedWeights weights, string path)
    {
        ArgumentNullException.ThrowIfNull(weights);
        FileHash hash = FileHash.Sha256(weights.Sha256Prefix);
        return hash.Matches(hash.Compute(path));
    }

    /// <summary>The path of <paramref name="weights"/>, downloading it first when no cache has it.</summary>
    public string Ensure(PretrainedWeights weights, IProgress<WeightsDownloadProgress>? progress = null, CancellationToken cancellationToken = default) =>
        EnsureAsync(weights, progress, cancellationToken).GetAwaiter().GetResult();

    /// <inheritdoc cref="Ensure"/>
    public async Task<string> EnsureAsync(PretrainedWeights weights, IProgress<WeightsDownloadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (Find(weights) is { } cached) return cached;
        string target = PathFor(weights), url = UrlFor(weights);
        if (Offline)
            throw new WeightsUnavailableException(
                $"Weights {weights.Model} {weights.Name} are not cached and downloads are off (offline). Download {url} "
                + $"and place it at {target}{TorchHint()}.", url, target, WeightsUnavailableReason.Offline);
        IProgress<DownloadProgress>? forward = ProgressAdapter<DownloadProgress>.Forward(progress,
            value => new WeightsDownloadProgress(value.Url, weights.FileName, value.BytesReceived, value.TotalBytes));
        try
        {
            await FileDownloader.DownloadAsync(url, target, FileHash.Sha256(weights.Sha256Prefix), forward, cancellationToken, _client)
                .ConfigureAwait(false);
        }
        catch (DownloadFailedException ex)
        {
            // FileDownloader wraps transfer errors (inner exception set) and reports a hash mismatch without one.
            bool mismatch = ex.InnerException is null;
            string what = mismatch
                ? $"the downloaded file does not match the SHA-256 prefix {weights.Sha256Prefix} in its name and was discarded ({ex.Message})"
                : $"the download failed ({ex.InnerException?.Message ?? ex.Message}); {PartialFile(target + ".part")}";
            throw new WeightsUnavailableException(
                $"Weights {weights.Model} {weights.Name} could not be fetched from {url}: {what}. "
                + $"Download the file yourself and place it at {target}{TorchHint()}.",
                url, target, mismatch ? WeightsUnavailableReason.HashMismatch : WeightsUnavailableReason.DownloadFailed, ex);
        }
        return target;
    }

    /// <summary>What is left of a failed download, as it is: a partial file that the next attempt resumes, or none.</summary>
    private static string PartialFile(string part)
    {
        long length = File.Exists(part) ? new FileInfo(part).Length : 0;
        return length > 0
            ? $"a partial file of {length:N0} bytes is kept at {part} and resumed next time"
            : "nothing was received, so no partial file was kept";
    }

    private string TorchHint() => TorchHubDirectory is null ? "" : $" (or in PyTorch's cache {TorchHubDirectory})";
}
