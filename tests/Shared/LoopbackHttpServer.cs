using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ModelZoo.Tests;

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1 (free port) for download tests: serve byte arrays (with Range support, for
/// resume), serve wrong bytes, die midway (announce Content-Length, send part, close the socket), answer any status,
/// or run a custom handler. Every request is recorded. <see cref="UnreachableUrl"/> gives a URL where nothing listens
/// (connection refused = offline). One connection per request (Connection: close).
/// </summary>
internal sealed class LoopbackHttpServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly ConcurrentDictionary<string, Func<LoopbackRequest, LoopbackResponse>> _routes = new(StringComparer.Ordinal);
    private readonly List<LoopbackRequest> _requests = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;

    public LoopbackHttpServer()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = Task.Run(AcceptLoop);
    }

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}/";
    public string Url(string path) => BaseUrl + path.TrimStart('/');

    public IReadOnlyList<LoopbackRequest> Requests
    {
        get
        {
            lock (_requests) return _requests.ToArray();
        }
    }

    /// <summary>Serves <paramref name="content"/> at <paramref name="path"/>, honouring "Range: bytes=N-".</summary>
    public void Serve(string path, byte[] content) => Handle(path, request =>
    {
        if (request.RangeStart is not { } start) return LoopbackResponse.Ok(content);
        if (start >= content.Length) return new LoopbackResponse(416, Array.Empty<byte>());
        return new LoopbackResponse(206, content[(int)start..])
        {
            Headers = new Dictionary<string, string> { ["Content-Range"] = $"bytes {start}-{content.Length - 1}/{content.Length}" },
        };
    });

    /// <summary>Announces all of <paramref name="content"/> but closes the connection after <paramref name="sendBytes"/> bytes.</summary>
    public void ServeTruncated(string path, byte[] content, int sendBytes) =>
        Handle(path, _ => LoopbackResponse.Ok(content) with { SendBytes = sendBytes });

    /// <summary>Answers <paramref name="status"/> with an empty body.</summary>
    public void ServeStatus(string path, int status) => Handle(path, _ => new LoopbackResponse(status, Array.Empty<byte>()));

    /// <summary>Answers requests for <paramref name="path"/> with <paramref name="handler"/> (replaces any earlier route).</summary>
    public void Handle(string path, Func<LoopbackRequest, LoopbackResponse> handler) => _routes["/" + path.TrimStart('/')] = handler;

    /// <summary>An http URL on 127.0.0.1 where nothing listens: connecting is refused.</summary>
    public static string UnreachableUrl(string path = "")
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return $"http://127.0.0.1:{port}/{path.TrimStart('/')}";
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try { _acceptLoop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        _stop.Dispose();
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                return;
            }
            _ = Task.Run(() => Serve(client));
        }
    }

    private async Task Serve(TcpClient client)
    {
        using (client)
        {
            try
            {
                NetworkStream stream = client.GetStream();
                LoopbackRequest? request = await ReadRequest(stream);
                if (request is null) return;
                lock (_requests) _requests.Add(request);
                string route = request.Path.Split('?')[0];
                LoopbackResponse response = _routes.TryGetValue(route, out var handler) ? handler(request) : LoopbackResponse.NotFound();
                await Write(stream, response);
            }
            catch (IOException)
            {
                // The client went away; nothing to do.
            }
        }
    }

    private static async Task<LoopbackRequest?> ReadRequest(NetworkStream stream)
    {
        var head = new StringBuilder();
        var buffer = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(buffer) == 0) return null;
            head.Append((char)buffer[0]);
            if (head.Length > 64 * 1024) return null;
        }
        string[] lines = head.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        string[] first = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string line in lines.Skip(1))
        {
            int colon = line.IndexOf(':');
            if (colon > 0) headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
        }
        return new LoopbackRequest(first[0], first.Length > 1 ? first[1] : "/", headers);
    }

    private static async Task Write(NetworkStream stream, LoopbackResponse response)
    {
        var head = new StringBuilder();
        head.Append($"HTTP/1.1 {response.Status} {response.Reason}\r\n");
        head.Append($"Content-Length: {response.Body.Length}\r\n");
        head.Append("Content-Type: application/octet-stream\r\nConnection: close\r\n");
        foreach ((string name, string value) in response.Headers) head.Append($"{name}: {value}\r\n");
        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
        int send = Math.Min(response.SendBytes ?? response.Body.Length, response.Body.Length);
        await stream.WriteAsync(response.Body.AsMemory(0, send));
        await stream.FlushAsync();
        // The caller closes the socket: with SendBytes set, the client sees the connection end before Content-Length.
    }
}
