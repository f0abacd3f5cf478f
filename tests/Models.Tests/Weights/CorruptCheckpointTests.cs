using ModelZoo.Models.Weights;
using ModelZoo.Models.Weights.PyTorch;

namespace ModelZoo.Models.Tests.Weights;

/// <summary>Truncated, corrupted and lying torch.save files fail with <see cref="InvalidDataException"/> naming the
/// file and the problem: never a crash, a hang or an allocation bigger than the file.</summary>
public sealed class CorruptCheckpointTests
{
    private static Dictionary<string, byte[]> Storage(params float[] values) => new() { ["0"] = PickleBuilder.Floats(values) };

    private static byte[] OneTensor(long numel, long[] size, long[] stride, long offset = 0) =>
        new PickleBuilder().Proto().EmptyDict().Str("w").Tensor("FloatStorage", "0", numel, offset, size, stride).SetItem().Stop().ToArray();

    private static InvalidDataException Fails(byte[] file, string name = "bad.pth") =>
        Assert.Throws<InvalidDataException>(() => PyTorchCheckpoint.Load(new MemoryStream(file), name));

    [Fact]
    public void Crafted_files_load_when_honest()
    {
        using var zip = PyTorchCheckpoint.Load(new MemoryStream(PickleBuilder.Zip(OneTensor(6, [2, 3], [3, 1]), Storage(1, 2, 3, 4, 5, 6))), "ok.pth");
        Assert.Equal(new[] { 4f, 5f, 6f }, zip.StateDict()["w"][1].data<float>().ToArray());
        using var legacy = PyTorchCheckpoint.Load(new MemoryStream(PickleBuilder.Legacy(OneTensor(6, [3], [2], 1), ("0", 6, PickleBuilder.Floats(1, 2, 3, 4, 5, 6)))), "ok.pt");
        Assert.Equal(new[] { 2f, 4f, 6f }, legacy.StateDict()["w"].data<float>().ToArray());
    }

    [Theory]
    [InlineData("dtypes.pth")]
    [InlineData("dtypes_legacy.pt")]
    [InlineData("nested_legacy.pt")]
    public void Every_truncation_of_a_real_file_is_a_clear_error(string file)
    {
        byte[] bytes = File.ReadAllBytes(ExpectedTensors.Fixture(file));
        for (int length = 0; length < bytes.Length; length += 13)
        {
            var ex = Fails(bytes[..length], file);
            Assert.StartsWith(file, ex.Message);
        }
    }

    [Theory]
    [InlineData("dtypes.pth")]
    [InlineData("dtypes_legacy.pt")]
    [InlineData("shared_legacy.pt")]
    [InlineData("nested.pth")]
    [InlineData("nested_legacy.pt")]
    [InlineData("bigendian.pth")]
    [InlineData("shared.pth")]
    public void Flipping_any_byte_never_crashes(string file)
    {
        byte[] original = File.ReadAllBytes(ExpectedTensors.Fixture(file));
        for (int i = 0; i < original.Length; i += 7)
        {
            byte[] bytes = (byte[])original.Clone();
            bytes[i] ^= 0xA5;
            try
            {
                using var checkpoint = PyTorchCheckpoint.Load(new MemoryStream(bytes), file);
            }
            catch (Exception e) when (e is InvalidDataException or UnsafeCheckpointException)
            {
                Assert.StartsWith(file, e.Message);
            }
        }
    }

    [Fact]
    public void A_storage_declared_larger_than_its_entry_is_refused_before_allocating()
    {
        var ex = Fails(PickleBuilder.Zip(OneTensor(1_000_000_000_000, [1_000_000, 1_000_000], [1_000_000, 1]), Storage(1, 2)));
        Assert.Contains("declares 1000000000000 float32 elements (4000000000000 bytes) but its entry holds 8 bytes", ex.Message);
    }

    [Fact]
    public void A_legacy_storage_count_past_the_end_of_the_file_is_refused()
    {
        var ex = Fails(PickleBuilder.Legacy(OneTensor(2, [2], [1]), ("0", 1L << 50, PickleBuilder.Floats(1, 2))));
        Assert.Contains("storage '0' declares 1125899906842624 float32 elements but only 8 bytes are left", ex.Message);
    }

    [Theory]
    [InlineData(new long[] { 1_000_000_000_000, 1_000_000_000_000 }, new long[] { 1, 1 }, "absurd shape [1000000000000, 1000000000000]")]
    [InlineData(new long[] { 4 }, new long[] { 1 }, "reaches element 3 of storage '0', which holds only 2 float32 elements")]
    [InlineData(new long[] { 2, 2 }, new long[] { 1, 1_000_000 }, "reaches element 1000001")]
    [InlineData(new long[] { 2 }, new long[] { 1 }, "offset 1 reaches element 2")]
    public void Views_past_their_storage_are_refused(long[] size, long[] stride, string message)
    {
        long offset = message.Contains("offset 1") ? 1 : 0;
        var ex = Fails(PickleBuilder.Zip(OneTensor(2, size, stride, offset), Storage(1, 2)));
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void Overflowing_offsets_and_strides_are_refused()
    {
        Assert.Contains("reaches element", Fails(PickleBuilder.Zip(OneTensor(2, [2], [1], offset: long.MaxValue), Storage(1, 2))).Message);
        Assert.Contains("reaches element", Fails(PickleBuilder.Zip(OneTensor(2, [3, 3], [long.MaxValue / 2, long.MaxValue / 2]), Storage(1, 2))).Message);
    }

    [Fact]
    public void Malformed_pickles_name_the_problem()
    {
        Assert.Contains("unknown pickle opcode 0xff", Fails(PickleBuilder.Zip(new PickleBuilder().Proto().Op(0xff).ToArray())).Message);
        Assert.Contains("memo entry 7, which was never stored", Fails(PickleBuilder.Zip(new PickleBuilder().Proto().Op((byte)'h', 7).Stop().ToArray())).Message);
        Assert.Contains("stack underflow", Fails(PickleBuilder.Zip(new PickleBuilder().Proto().SetItem().Stop().ToArray())).Message);
        Assert.Contains("runs past the end", Fails(PickleBuilder.Zip(new PickleBuilder().Proto().Op((byte)'X', 0xff, 0xff, 0xff, 0x7f).ToArray())).Message);
        Assert.Contains("before its STOP", Fails(PickleBuilder.Zip(new PickleBuilder().Proto().EmptyDict().ToArray())).Message);
        Assert.Contains("has no entry 'archive/data/0'", Fails(PickleBuilder.Zip(OneTensor(2, [2], [1]))).Message);
        Assert.Contains("without a '<prefix>/data.pkl' entry", Fails(PickleBuilder.Zip([], prefix: "a/b")).Message);
        Assert.Contains("byteorder entry says 'middle'", Fails(PickleBuilder.Zip(OneTensor(2, [2], [1]), Storage(1, 2), byteorder: "middle")).Message);
        Assert.Contains("not the magic number", Fails(new PickleBuilder().Proto().Int(5).Stop().ToArray()).Message);
        Assert.Contains("the file is empty", Fails([]).Message);
    }

    [Fact]
    public void Deeply_nested_containers_do_not_overflow_the_stack()
    {
        var pickle = new PickleBuilder().Proto();
        const int depth = 200_000;
        for (int i = 0; i < depth; i++) pickle.EmptyList();
        for (int i = 1; i < depth; i++) pickle.Append();
        using var checkpoint = PyTorchCheckpoint.Load(new MemoryStream(PickleBuilder.Zip(pickle.Stop().ToArray())), "deep.pth");
        Assert.IsType<List<object?>>(checkpoint.Root);
        Assert.Empty(checkpoint.Tensors);
        var ex = Assert.Throws<KeyNotFoundException>(() => checkpoint.StateDict());
        Assert.Contains("list of 1", ex.Message);
    }

    [Fact]
    public void A_missing_file_names_its_path()
    {
        var ex = Assert.ThrowsAny<IOException>(() => PyTorchCheckpoint.Load("/nonexistent/weights.pth"));
        Assert.Contains("/nonexistent/weights.pth", ex.Message);
    }
}
