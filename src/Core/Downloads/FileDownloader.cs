using System.Net;
using System.Net.Http.Headers;

namespace ModelZoo.Core.Downloads;

/// <summary>
/// Downloads a URL to a file: streams into <c>target.part</c>, resumes a partial file with an HTTP Range request
/// when the server allows (else restarts), verifies the hash, then renames into place. A failed or mismatched
/// download never leaves a file at the target path.
/// </summary>
internal static class FileDownloader
{
    private static readonly HttpClient s_client = new() { Timeout = TimeSpan.FromMinutes(30) };

    public static async Task DownloadAsync(
        string url, string targetPath, FileHash? expected,
        IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default,
        HttpClient? client = null)
    {
        client ??= s_client;
        string directory = Path.GetDirectoryName(Path.GetFullPath(targetPath))!;
        Directory.CreateDirectory(directory);
        string part = targetPath + ".part";
        try
        {
            await FetchAsync(client, url, part, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new DownloadFailedException(
                $"Could not download {url} ({ex.Message}). Download it yourself and place it at {Path.GetFullPath(targetPath)}", ex);
        }

        if (expected is { } hash)
        {
            string digest = hash.Compute(part);
            if (!hash.Matches(digest))
            {
                File.Delete(part);
                throw new DownloadFailedException(
                    $"Hash mismatch for {url}: expected {hash}, got {hash.Algorithm} {digest}. The download was discarded; " +
                    $"nothing was written to {Path.GetFullPath(targetPath)}.");
            }
        }
        File.Move(part, targetPath, overwrite: true);
    }

    private static async Task FetchAsync(HttpClient client, string url, string part, IProgress<DownloadProgress>? progress, CancellationToken ct)
    {
        long existing = File.Exists(part) ? new FileInfo(part).Length : 0;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (existing > 0) request.Headers.Range = new RangeHeaderValue(existing, null);
        using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        bool resumed = existing > 0 && response.StatusCode == HttpStatusCode.PartialContent;
        if (existing > 0 && response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            // The partial file is already complete (or stale): verification decides.
            return;
        }
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        long? total = response.Content.Headers.ContentLength is { } len ? len + (resumed ? existing : 0) : null;
        long received = resumed ? existing : 0;
        await using Stream body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using var file = new FileStream(part, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        var buffer = new byte[1 << 16];
        int read;
        while ((read = await body.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
        {
            await file.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
            received += read;
            progress?.Report(new DownloadProgress(url, received, total));
        }
        if (total is { } expectedLength && received != expectedLength)
            throw new IOException($"connection closed after {received} of {expectedLength} bytes");
    }
}
