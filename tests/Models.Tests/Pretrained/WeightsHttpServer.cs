using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ModelZoo.Models.Tests.Pretrained;

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1 (random port) for download tests: serves byte arrays by path, optionally
/// honours <c>Range: bytes=N-</c> (206), and can drop the connection after a number of body bytes while having
/// announced the full Content-Length (a server dying mid-transfer). Records every request's path and Range header.
/// (The shared tests/Shared/LoopbackHttpServer.cs from the data-loader branch had not landed when this was written.)
/// </summary>
internal sealed class WeightsHttpServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, Route> _routes = new();
    private readonly Task _loop;

    public WeightsHttpServer()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = Task.Run(AcceptLoop);
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>(path, Range header or null) of every request, in arrival order.</summary>
    public ConcurrentQueue<(string Path, string? Range)> Requests { get; } = new();

    /// <summary>Serves <paramref name="body"/> at <paramref name="path"/>; with <paramref name="dieAfterBytes"/> the next
    /// response stops after that many body bytes and closes the connection (later responses are complete).</summary>
    public void Serve(string path, byte[] body, bool supportRange = true, long? dieAfterBytes = null) =>
        _routes[path] = new Route(body, supportRange, dieAfterBytes);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        _stop.Dispose();
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            _ = Task.Run(() => HandleAsync(client));
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                NetworkStream stream = client.GetStream();
                (string path, string? range) = await ReadRequestAsync(stream).ConfigureAwait(false);
                Requests.Enqueue((path, range));
                if (!_routes.TryGetValue(path, out Route? route))
                {
                    await WriteAsync(stream, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").ConfigureAwait(false);
                    return;
                }
                long start = 0;
                if (range is not null && route.SupportRange && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
                    start = long.Parse(range["bytes=".Length..^1], System.Globalization.CultureInfo.InvariantCulture);
                if (start >= route.Body.Length && start > 0)
                {
                    await WriteAsync(stream, $"HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */{route.Body.Length}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").ConfigureAwait(false);
                    return;
                }
                long length = route.Body.Length - start;
                string head = start > 0
                    ? $"HTTP/1.1 206 Partial Content\r\nContent-Range: bytes {start}-{route.Body.Length - 1}/{route.Body.Length}\r\n"
                    : "HTTP/1.1 200 OK\r\n";
                await WriteAsync(stream, head + $"Content-Type: application/octet-stream\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n").ConfigureAwait(false);
                long send = length;
                if (route.DieAfterBytes is { } die)
                {
                    send = Math.Min(die, length);
                    _routes[path] = route with { DieAfterBytes = null };
                }
                await stream.WriteAsync(route.Body.AsMemory((int)start, (int)send)).ConfigureAwait(false);
                await stream.FlushAsync().ConfigureAwait(false);
                // When send < length the connection now closes early: the server "died" mid-transfer.
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException) { }
        }
    }

    private static async Task<(string Path, string? Range)> ReadRequestAsync(NetworkStream stream)
    {
        var text = new StringBuilder();
        var buffer = new byte[1];
        while (!text.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && text.Length < 16384)
        {
            if (await stream.ReadAsync(buffer).ConfigureAwait(false) == 0) break;
            text.Append((char)buffer[0]);
        }
        string[] lines = text.ToString().Split("\r\n");
        string[] first = lines[0].Split(' ');
        string? range = lines.Skip(1).Where(l => l.StartsWith("Range:", StringComparison.OrdinalIgnoreCase))
            .Select(l => l["Range:".Length..].Trim()).FirstOrDefault();
        return (first.Length > 1 ? first[1] : "/", range);
    }

    private static Task WriteAsync(NetworkStream stream, string text) => stream.WriteAsync(Encoding.ASCII.GetBytes(text)).AsTask();

    private sealed record Route(byte[] Body, bool SupportRange, long? DieAfterBytes);
}
