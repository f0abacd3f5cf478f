namespace ModelZoo.Models.Pretrained;

/// <summary>
/// Where <see cref="WeightsCache"/> keeps and finds weights files, and where it downloads them from. Every null
/// property falls back to the environment, then to the default:
/// <list type="bullet">
/// <item><see cref="Home"/>: <c>$MODELZOO_HOME</c>, else <c>$XDG_CACHE_HOME/modelzoo</c>, else <c>~/.cache/modelzoo</c>;
/// weights live in its <c>checkpoints/</c> folder.</item>
/// <item><see cref="TorchHome"/>: <c>$TORCH_HOME</c>, else <c>$XDG_CACHE_HOME/torch</c>, else <c>~/.cache/torch</c>
/// (PyTorch's own rule); files already in its <c>hub/checkpoints/</c> are reused, never copied or written.</item>
/// <item><see cref="BaseUrl"/>: <c>$MODELZOO_WEIGHTS_URL</c>, else each entry's own URL. When set, a file is fetched
/// from <c>BaseUrl + "/" + FileName</c> (a mirror, or a loopback server in tests).</item>
/// <item><see cref="Offline"/>: <c>$MODELZOO_OFFLINE=1</c>, else false.</item>
/// </list>
/// </summary>
public sealed record WeightsCacheOptions
{
    /// <summary>ModelZoo's cache root (weights under <c>checkpoints/</c>).</summary>
    public string? Home { get; init; }

    /// <summary>PyTorch's cache root (weights looked up under <c>hub/checkpoints/</c>).</summary>
    public string? TorchHome { get; init; }

    /// <summary>Look in PyTorch's hub cache too (default true).</summary>
    public bool UseTorchHubCache { get; init; } = true;

    /// <summary>Mirror to download from instead of the entries' URLs.</summary>
    public string? BaseUrl { get; init; }

    /// <summary>Never download; a missing file is an error naming the URL and the path to place it at.</summary>
    public bool? Offline { get; init; }

    /// <summary>HTTP client for downloads (default: a shared client with a 30-minute timeout).</summary>
    public HttpClient? HttpClient { get; init; }
}
