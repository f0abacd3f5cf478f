using System.Text.Json;
using ModelZoo.Core.Preprocessing;
using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Data.Tests.Support;

/// <summary>The torchvision 0.14 oracle cases of tests/fixtures/transforms/transform_cases.json
/// (made by make_transform_fixtures.py).</summary>
internal static class OracleCases
{
    private static readonly Lazy<(Dictionary<string, ImageBuffer> Inputs, Dictionary<string, JsonElement> Cases)> s_doc = new(() =>
    {
        JsonDocument doc = Fixture.Document("transforms", "transform_cases.json");
        var inputs = doc.RootElement.GetProperty("inputs").EnumerateObject().ToDictionary(p => p.Name, p => ToImage(p.Value));
        var cases = doc.RootElement.GetProperty("cases").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c);
        return (inputs, cases);
    });

    public static IEnumerable<string> Names(Func<string, bool> opFilter) =>
        s_doc.Value.Cases.Values.Where(c => opFilter(c.GetProperty("op").GetString()!)).Select(c => c.GetProperty("name").GetString()!);

    public static JsonElement Case(string name) => s_doc.Value.Cases[name];

    public static string Op(this JsonElement c) => c.GetProperty("op").GetString()!;

    public static ImageBuffer Input(this JsonElement c) => s_doc.Value.Inputs[c.GetProperty("input").GetString()!];

    public static JsonElement Params(this JsonElement c) => c.GetProperty("params");

    public static JsonElement Output(this JsonElement c) => c.GetProperty("output");

    public static ImageBuffer ToImage(JsonElement e) => new(e.GetProperty("width").GetInt32(), e.GetProperty("height").GetInt32(),
        e.GetProperty("channels").GetInt32(), Convert.FromBase64String(e.GetProperty("data").GetString()!));

    public static Tensor ToTensor(JsonElement e)
    {
        byte[] bytes = Convert.FromBase64String(e.GetProperty("data").GetString()!);
        var values = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        long[] shape = e.GetProperty("shape").EnumerateArray().Select(v => v.GetInt64()).ToArray();
        return torch.tensor(values, shape);
    }

    public static int Int(this JsonElement p, string name) => p.GetProperty(name).GetInt32();

    public static double Double(this JsonElement p, string name) => p.GetProperty(name).GetDouble();

    public static bool Bool(this JsonElement p, string name) => p.GetProperty(name).GetBoolean();

    public static double? OptionalDouble(this JsonElement p, string name) =>
        p.TryGetProperty(name, out JsonElement v) && v.ValueKind != JsonValueKind.Null ? v.GetDouble() : null;

    public static int[] Ints(this JsonElement p, string name) => p.GetProperty(name).EnumerateArray().Select(v => v.GetInt32()).ToArray();

    public static double[] Doubles(this JsonElement p, string name) => p.GetProperty(name).EnumerateArray().Select(v => v.GetDouble()).ToArray();

    public static (double X, double Y)? Point(this JsonElement p, string name)
    {
        if (!p.TryGetProperty(name, out JsonElement v) || v.ValueKind == JsonValueKind.Null) return null;
        double[] xy = v.EnumerateArray().Select(e => e.GetDouble()).ToArray();
        return (xy[0], xy[1]);
    }

    public static (int X, int Y)[] Points(this JsonElement p, string name) =>
        p.GetProperty(name).EnumerateArray().Select(e => (e[0].GetInt32(), e[1].GetInt32())).ToArray();

    /// <summary>torchvision fill: null → 0, a number, or one value per channel.</summary>
    public static byte[]? Fill(this JsonElement p, string name = "fill")
    {
        if (!p.TryGetProperty(name, out JsonElement v) || v.ValueKind == JsonValueKind.Null) return null;
        return v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().Select(e => (byte)e.GetDouble()).ToArray() : new[] { (byte)v.GetDouble() };
    }

    public static Interpolation Interp(this JsonElement p) => p.GetProperty("interpolation").GetString() switch
    {
        "nearest" => Interpolation.Nearest,
        "bilinear" => Interpolation.Bilinear,
        "bicubic" => Interpolation.Bicubic,
        "box" => Interpolation.Box,
        "hamming" => Interpolation.Hamming,
        "lanczos" => Interpolation.Lanczos,
        var s => throw new InvalidDataException($"unknown interpolation {s}"),
    };
}
