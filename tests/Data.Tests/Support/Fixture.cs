using System.Text.Json;
using ModelZoo.Data.Imaging;

namespace ModelZoo.Data.Tests.Support;

/// <summary>Reads committed oracle fixtures under tests/fixtures.</summary>
internal static class Fixture
{
    private static readonly JsonSerializerOptions s_json = new() { PropertyNameCaseInsensitive = true };

    public static T Json<T>(params string[] parts)
    {
        string path = RepoPaths.Fixtures(parts);
        Assert.True(File.Exists(path), $"Fixture {path} is missing; regenerate it with the make_*.py script beside it.");
        return JsonSerializer.Deserialize<T>(File.ReadAllText(path), s_json)
            ?? throw new InvalidDataException($"Fixture {path} is empty.");
    }

    public static JsonDocument Document(params string[] parts) => JsonDocument.Parse(File.ReadAllText(RepoPaths.Fixtures(parts)));

    /// <summary>An HWC image from base64 bytes.</summary>
    public static ImageBuffer Image(string base64, int width, int height, int channels) =>
        new(width, height, channels, Convert.FromBase64String(base64));
}
