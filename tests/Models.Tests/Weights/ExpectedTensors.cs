using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.Weights;

/// <summary>The oracle written by tests/fixtures/weights/make_pth_fixtures.py: dtype, shape and row-major values of
/// every tensor PyTorch saved into each fixture.</summary>
internal static class ExpectedTensors
{
    private static readonly Lazy<JsonElement> s_expected = new(() =>
        JsonDocument.Parse(File.ReadAllText(RepoPaths.Fixtures("weights", "expected.json"))).RootElement);

    public static string Fixture(string name) => RepoPaths.Fixtures("weights", name);

    public static IEnumerable<string> Names(string file) =>
        s_expected.Value.GetProperty(file).EnumerateObject().Select(p => p.Name);

    /// <summary>Asserts that <paramref name="actual"/> has PyTorch's dtype, shape and values for <paramref name="name"/>.</summary>
    public static void AssertMatches(string file, string name, Tensor actual)
    {
        JsonElement e = s_expected.Value.GetProperty(file).GetProperty(name);
        Assert.Equal(e.GetProperty("dtype").GetString(), TorchName(actual.dtype));
        Assert.Equal(e.GetProperty("shape").EnumerateArray().Select(x => x.GetInt64()).ToArray(), actual.shape);
        JsonElement values = e.GetProperty("values");
        if (actual.numel() == 0)
        {
            Assert.Equal(0, values.GetArrayLength());
            return;
        }
        if (actual.is_complex())
        {
            using Tensor real = torch.view_as_real(actual.contiguous()).to_type(ScalarType.Float64).contiguous();
            double[] got = real.data<double>().ToArray();
            double[] want = values.EnumerateArray().SelectMany(p => p.EnumerateArray().Select(x => x.GetDouble())).ToArray();
            Assert.Equal(want, got);
        }
        else if (actual.is_floating_point())
        {
            using Tensor d = actual.to_type(ScalarType.Float64).contiguous();
            Assert.Equal(values.EnumerateArray().Select(x => x.GetDouble()).ToArray(), d.data<double>().ToArray());
        }
        else
        {
            using Tensor l = actual.to_type(ScalarType.Int64).contiguous();
            Assert.Equal(values.EnumerateArray().Select(x => x.GetInt64()).ToArray(), l.data<long>().ToArray());
        }
    }

    public static string TorchName(ScalarType type) => type switch
    {
        ScalarType.Float32 => "float32",
        ScalarType.Float64 => "float64",
        ScalarType.Float16 => "float16",
        ScalarType.BFloat16 => "bfloat16",
        ScalarType.Byte => "uint8",
        ScalarType.Int8 => "int8",
        ScalarType.Int16 => "int16",
        ScalarType.Int32 => "int32",
        ScalarType.Int64 => "int64",
        ScalarType.Bool => "bool",
        ScalarType.ComplexFloat32 => "complex64",
        ScalarType.ComplexFloat64 => "complex128",
        _ => type.ToString(),
    };
}
