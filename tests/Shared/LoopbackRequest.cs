namespace ModelZoo.Tests;

/// <summary>A request received by <see cref="LoopbackHttpServer"/>.</summary>
internal sealed record LoopbackRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>The start offset of a "Range: bytes=N-" header, or null.</summary>
    public long? RangeStart =>
        Headers.TryGetValue("range", out string? range) && range.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase)
        && long.TryParse(range["bytes=".Length..].Split('-')[0], out long start) ? start : null;
}
