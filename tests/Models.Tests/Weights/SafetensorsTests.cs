using ModelZoo.Models.Weights;
using ModelZoo.Models.Weights.SafetensorsFormat;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.Weights;

/// <summary>The safetensors sample files (written by the reference implementation) read with the right dtype, shape
/// and values, and our writer round-trips every TorchSharp dtype.</summary>
public sealed class SafetensorsTests
{
    private static string Sample(string code) => RepoPaths.SharedData("checkpoints", "safetensors-samples", code + ".safetensors");

    /// <summary>Each sample holds −3…2; unsigned files hold them wrapped (−3 as U8 is 253). U16 reads widened to Int32
    /// and U32 to Int64, so the unsigned values survive exactly.</summary>
    public static TheoryData<string, string, ScalarType, double[]> Samples => new()
    {
        { "B", "U8", ScalarType.Byte, [253, 254, 255, 0, 1, 2] },
        { "H", "U16", ScalarType.Int32, [65533, 65534, 65535, 0, 1, 2] },
        { "I", "U32", ScalarType.Int64, [4294967293, 4294967294, 4294967295, 0, 1, 2] },
        { "b", "I8", ScalarType.Int8, [-3, -2, -1, 0, 1, 2] },
        { "h", "I16", ScalarType.Int16, [-3, -2, -1, 0, 1, 2] },
        { "i", "I32", ScalarType.Int32, [-3, -2, -1, 0, 1, 2] },
        { "e", "F16", ScalarType.Float16, [-3, -2, -1, 0, 1, 2] },
        { "f", "F32", ScalarType.Float32, [-3, -2, -1, 0, 1, 2] },
        { "d", "F64", ScalarType.Float64, [-3, -2, -1, 0, 1, 2] },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_sample_file_reads_with_its_dtype_shape_and_values(string code, string dtype, ScalarType type, double[] values)
    {
        using TensorDict tensors = Safetensors.Load(Sample(code));
        Assert.Equal("a", tensors.Metadata["test"]);
        AssertTensor(tensors[code], type, values);
        using SafetensorsFile file = SafetensorsFile.Open(Sample(code));
        Assert.Equal(dtype, file.Entry(code).Dtype);
        Assert.Equal(new long[] { 6 }, file.Entry(code).Shape);
    }

    [Fact]
    public void The_overall_sample_holds_all_nine_tensors_and_its_metadata()
    {
        using TensorDict tensors = Safetensors.Load(Sample("overall"));
        Assert.Equal(new Dictionary<string, string> { ["test"] = "a" }, tensors.Metadata);
        Assert.Equal(new[] { "B", "H", "I", "b", "d", "e", "f", "h", "i" }, tensors.Keys);
        foreach (object[] row in Samples)
            AssertTensor(tensors[(string)row[0]], (ScalarType)row[2], (double[])row[3]);
    }

    [Fact]
    public void Raw_bytes_of_an_unsigned_tensor_are_available_unwidened()
    {
        using SafetensorsFile file = SafetensorsFile.Open(Sample("H"));
        Assert.Equal(new byte[] { 0xfd, 0xff, 0xfe, 0xff, 0xff, 0xff, 0, 0, 1, 0, 2, 0 }, file.ReadBytes("H"));
    }

    [Fact]
    public void Every_torchsharp_dtype_round_trips_with_metadata()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        string path = dir.File("all.safetensors");
        using var scope = torch.NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>
        {
            ["f16"] = torch.tensor(new float[] { -3, 0.5f, 65504 }).to_type(ScalarType.Float16),
            ["bf16"] = torch.tensor(new float[] { -3, 0.5f, 3e38f }).to_type(ScalarType.BFloat16),
            ["f32"] = torch.arange(12, dtype: ScalarType.Float32).reshape(3, 4).t(), // non-contiguous
            ["f64"] = torch.tensor(new double[] { Math.PI, -1e300 }),
            ["i8"] = torch.tensor(new sbyte[] { -128, 127 }),
            ["u8"] = torch.tensor(new byte[] { 0, 255 }),
            ["i16"] = torch.tensor(new short[] { short.MinValue, short.MaxValue }),
            ["i32"] = torch.tensor(new[] { int.MinValue, int.MaxValue }),
            ["i64"] = torch.tensor(new[] { long.MinValue, long.MaxValue }),
            ["bool"] = torch.tensor(new[] { true, false, true }),
            ["c64"] = torch.complex(torch.tensor(new float[] { 1, -2 }), torch.tensor(new float[] { 0.5f, 3 })),
            ["scalar"] = torch.tensor(7.25f),
            ["empty"] = torch.zeros(0, 3),
        };
        Safetensors.Save(path, tensors, new Dictionary<string, string> { ["format"] = "pt", ["note"] = "ünïcode" });

        using TensorDict back = Safetensors.Load(path);
        Assert.Equal("ünïcode", back.Metadata["note"]);
        Assert.Equal(tensors.Keys.Order(), back.Keys.Order());
        foreach ((string name, Tensor expected) in tensors)
        {
            Tensor got = back[name];
            Assert.Equal(expected.dtype, got.dtype);
            Assert.Equal(expected.shape, got.shape);
            using Tensor same = expected.eq(got).all();
            Assert.True(same.item<bool>(), name);
        }
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void The_writer_rejects_what_the_format_cannot_hold_and_leaves_the_old_file_alone()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        string path = dir.File("w.safetensors");
        using Tensor a = torch.ones(2);
        Safetensors.Save(path, new Dictionary<string, Tensor> { ["a"] = a });
        byte[] before = File.ReadAllBytes(path);
        using Tensor c128 = torch.zeros(2, dtype: ScalarType.ComplexFloat64);
        var ex = Assert.Throws<ArgumentException>(() => Safetensors.Save(path, new Dictionary<string, Tensor> { ["a"] = a, ["c"] = c128 }));
        Assert.Contains("'c' has dtype ComplexFloat64", ex.Message);
        Assert.Throws<ArgumentException>(() => Safetensors.Save(path, new Dictionary<string, Tensor> { ["__metadata__"] = a }));
        Assert.Throws<ArgumentException>(() => Safetensors.Save(path, [new("x", a), new("x", a)]));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void The_writer_lays_tensors_out_aligned_and_the_header_padded_to_8_bytes()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        string path = dir.File("layout.safetensors");
        using Tensor b = torch.ones(3, dtype: ScalarType.Byte), d = torch.ones(2, dtype: ScalarType.Float64), f = torch.ones(1);
        Safetensors.Save(path, new Dictionary<string, Tensor> { ["b"] = b, ["f"] = f, ["d"] = d });
        using SafetensorsFile file = SafetensorsFile.Open(path);
        Assert.Equal(new[] { "d", "f", "b" }, file.Entries.OrderBy(e => e.Begin).Select(e => e.Name));
        Assert.All(file.Entries, e => Assert.Equal(0, e.Begin % SafetensorsDtypes.FromCode(e.Dtype)!.Size));
        long headerLength = BitConverter.ToInt64(File.ReadAllBytes(path), 0);
        Assert.Equal(0, headerLength % 8);
    }

    private static void AssertTensor(Tensor t, ScalarType type, double[] values)
    {
        Assert.Equal(type, t.dtype);
        Assert.Equal(new long[] { values.Length }, t.shape);
        using Tensor d = t.to_type(ScalarType.Float64);
        Assert.Equal(values, d.data<double>().ToArray());
    }
}
