using System.Buffers.Binary;
using System.Text;
using ModelZoo.Models.Weights.SafetensorsFormat;

namespace ModelZoo.Models.Tests.Weights;

/// <summary>Lying or malformed safetensors files fail at open with a message naming the file and the problem,
/// before any tensor memory is allocated.</summary>
public sealed class SafetensorsValidationTests
{
    private static string Write(TempDir dir, string header, int dataBytes, ulong? claimedHeaderLength = null)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, claimedHeaderLength ?? (ulong)json.Length);
        json.CopyTo(bytes, 8);
        string path = dir.File("t.safetensors");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static string Fails(string header, int dataBytes, ulong? claimed = null)
    {
        using TempDir dir = RepoPaths.NewTempDir();
        string path = Write(dir, header, dataBytes, claimed);
        var ex = Assert.Throws<InvalidDataException>(() => SafetensorsFile.Open(path));
        Assert.StartsWith(path, ex.Message);
        return ex.Message;
    }

    private const string A = "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";

    [Fact]
    public void An_honest_crafted_file_opens()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        using SafetensorsFile file = SafetensorsFile.Open(Write(dir, "{" + A + "}", 8));
        Assert.Equal(8, file.Entry("a").ByteLength);
    }

    [Theory]
    [InlineData(200_000_000UL, "more than the 100000000-byte limit")]
    [InlineData(5_000UL, "the header claims 5000 bytes but the file has only")]
    [InlineData(ulong.MaxValue, "more than the 100000000-byte limit")]
    public void A_header_length_past_the_file_or_the_cap_is_refused(ulong claimed, string message) =>
        Assert.Contains(message, Fails("{" + A + "}", 8, claimed));

    [Theory]
    [InlineData("{" + A, "not valid JSON")]
    [InlineData("[1,2]", "does not start with '{'")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", "tensor 'a' ends at byte 16 of the data section, which holds only 8 bytes")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", "overlap")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", "bytes [0, 4) of the data section belong to no tensor")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", "the data section holds 8 bytes but the tensors cover only 4")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", "is F32 [3], 12 bytes, but its data_offsets [0, 8] span 8 bytes")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1000000000000,1000000000000],\"data_offsets\":[0,8]}}", "absurd shape [1000000000000, 1000000000000]")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1e12,1e12],\"data_offsets\":[0,8]}}", "'shape' item 1e12, not a non-negative 64-bit integer")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", "'shape' item -2")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", "expected [begin, end] with begin <= end")]
    [InlineData("{\"a\":{\"shape\":[2],\"data_offsets\":[0,8]}}", "tensor 'a' has no dtype string")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,8]}}", "no 'shape' array")]
    [InlineData("{" + A + "," + A + "}", "the name 'a' appears twice")]
    [InlineData("{\"__metadata__\":{\"k\":1}," + A + "}", "__metadata__ value 'k' is not a string")]
    [InlineData("{\"a\":[1]}", "tensor 'a' is not an object")]
    public void Lying_headers_are_refused_with_a_clear_message(string header, string message) =>
        Assert.Contains(message, Fails(header, 8));

    [Fact]
    public void A_dtype_torchsharp_lacks_is_named()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        string path = Write(dir, "{\"a\":{\"dtype\":\"F8_E4M3\",\"shape\":[8],\"data_offsets\":[0,8]}}", 8);
        var ex = Assert.Throws<NotSupportedException>(() => SafetensorsFile.Open(path));
        Assert.Contains("dtype 'F8_E4M3'", ex.Message);
    }

    [Fact]
    public void Truncated_and_tiny_files_are_refused()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        byte[] good = File.ReadAllBytes(RepoPaths.SharedData("checkpoints", "safetensors-samples", "overall.safetensors"));
        string path = dir.File("cut.safetensors");
        for (int length = 0; length < good.Length; length += 17)
        {
            File.WriteAllBytes(path, good[..length]);
            var ex = Assert.Throws<InvalidDataException>(() => SafetensorsFile.Open(path));
            Assert.StartsWith(path, ex.Message);
        }
    }

    [Fact]
    public void A_uint64_value_that_int64_cannot_hold_is_an_error_not_a_wrong_number()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        string path = Write(dir, "{\"u\":{\"dtype\":\"U64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 8);
        byte[] bytes = File.ReadAllBytes(path);
        bytes.AsSpan(bytes.Length - 8).Fill(0xff);
        File.WriteAllBytes(path, bytes);
        using SafetensorsFile file = SafetensorsFile.Open(path);
        var ex = Assert.Throws<InvalidDataException>(() => file.ReadTensor("u"));
        Assert.Contains("uint64 with values above", ex.Message);
    }
}
