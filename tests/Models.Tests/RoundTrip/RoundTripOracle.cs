using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.RoundTrip;

/// <summary>tests/fixtures/roundtrip/expected.json, written by make_roundtrip_fixtures.py with real torchvision 0.14:
/// per model, the .pth files, the head size, the input size, torchvision's eval logits and samples of strided tensors.</summary>
internal sealed class RoundTripOracle
{
    private static readonly Lazy<JsonElement> s_root = new(() =>
        JsonDocument.Parse(File.ReadAllText(RepoPaths.Fixtures("roundtrip", "expected.json"))).RootElement);

    private readonly JsonElement _entry;

    private RoundTripOracle(string model) => _entry = s_root.Value.GetProperty(model);

    public static RoundTripOracle For(string model) => new(model);

    public string FilePath(string format) => RepoPaths.Fixtures("roundtrip", _entry.GetProperty("files").GetProperty(format).GetString()!);

    public int NumClasses => _entry.GetProperty("kwargs").GetProperty("num_classes").GetInt32();

    public int InputSize => _entry.GetProperty("input_size").GetInt32();

    public double InputSum => _entry.GetProperty("input_sum").GetDouble();

    public int KeyCount => _entry.GetProperty("keys").GetInt32();

    /// <summary>torchvision's logits, row-major [2, NumClasses].</summary>
    public double[] Logits => Matrix("logits");

    /// <summary>The same net run by torchvision in float64: the exact logits both float32 runs approximate.</summary>
    public double[] ExactLogits => Matrix("logits_float64");

    public IEnumerable<StridedSample> Samples => _entry.GetProperty("samples").EnumerateObject().Select(p => new StridedSample(
        p.Name,
        Longs(p.Value.GetProperty("shape")),
        Longs(p.Value.GetProperty("stride")),
        p.Value.GetProperty("offset").GetInt64(),
        p.Value.GetProperty("storage_size").GetInt64(),
        p.Value.GetProperty("picks").EnumerateArray().Select(a => (a[0].GetInt64(), a[1].GetDouble())).ToArray()));

    /// <summary>The fixed input both sides compute exactly: element i (row-major) of [2, 3, size, size] is
    /// ((i * 37) mod 101 − 50) / 50 in float32.</summary>
    public static Tensor Input(int size)
    {
        using var scope = torch.NewDisposeScope();
        Tensor i = torch.arange(2L * 3 * size * size, dtype: ScalarType.Int64);
        Tensor x = i.mul(37).remainder(101).sub(50).to_type(ScalarType.Float32).div(50f);
        return x.reshape(2, 3, size, size).MoveToOuterDisposeScope();
    }

    private double[] Matrix(string name) =>
        _entry.GetProperty(name).EnumerateArray().SelectMany(r => r.EnumerateArray()).Select(v => v.GetDouble()).ToArray();

    private static long[] Longs(JsonElement e) => e.EnumerateArray().Select(v => v.GetInt64()).ToArray();
}

/// <summary>One tensor as torch saved it: a view with these sizes, strides and storage offset into a storage of
/// <paramref name="StorageSize"/> elements; <paramref name="Picks"/> are (row-major index, value) pairs.</summary>
internal sealed record StridedSample(string Key, long[] Shape, long[] Stride, long Offset, long StorageSize, (long Index, double Value)[] Picks);
