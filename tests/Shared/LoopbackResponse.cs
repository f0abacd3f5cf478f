namespace ModelZoo.Tests;

/// <summary>What <see cref="LoopbackHttpServer"/> answers: status, body, extra headers, and optionally a connection
/// that dies after <see cref="SendBytes"/> body bytes although Content-Length announced the whole body.</summary>
internal sealed record LoopbackResponse(int Status, byte[] Body)
{
    public string Reason { get; init; } = Status switch { 200 => "OK", 206 => "Partial Content", 404 => "Not Found", 416 => "Range Not Satisfiable", 500 => "Internal Server Error", _ => "Status" };
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Body bytes actually sent before the socket is closed; null = all.</summary>
    public int? SendBytes { get; init; }

    public static LoopbackResponse Ok(byte[] body) => new(200, body);
    public static LoopbackResponse NotFound() => new(404, "not found"u8.ToArray());
}
