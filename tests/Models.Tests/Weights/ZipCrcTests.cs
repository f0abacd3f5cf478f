using ModelZoo.Models.Weights;
using ModelZoo.Models.Weights.PyTorch;

namespace ModelZoo.Models.Tests.Weights;

/// <summary>Damaged bytes inside a zip checkpoint are refused by the zip's CRC-32, naming the entry (PyTorch itself
/// loads them without a word).</summary>
public sealed class ZipCrcTests
{
    [Theory]
    [InlineData("checkpoints/fyh620-lenet/lenet.pth")]
    [InlineData("fixtures:dtypes.pth")]
    [InlineData("fixtures:nested.pth")]
    public void A_changed_byte_in_any_entry_is_refused_naming_it(string file)
    {
        string path = file.StartsWith("fixtures:", StringComparison.Ordinal)
            ? ExpectedTensors.Fixture(file["fixtures:".Length..])
            : RepoPaths.SharedData(file.Split('/'));
        byte[] original = File.ReadAllBytes(path);
        IReadOnlyList<ZipLayout.Entry> entries = ZipLayout.Entries(original);
        Assert.Contains(entries, e => e.Name.EndsWith("/data.pkl", StringComparison.Ordinal));
        int checkedEntries = 0;
        foreach (ZipLayout.Entry entry in entries.Where(e => e.DataLength > 0))
        {
            foreach (int at in new[] { entry.DataStart, entry.DataStart + entry.DataLength / 2, entry.DataStart + entry.DataLength - 1 })
            {
                byte[] bytes = (byte[])original.Clone();
                bytes[at] ^= 0x10;
                var e = Assert.Throws<InvalidDataException>(() => PyTorchCheckpoint.Load(new MemoryStream(bytes), "damaged.pth"));
                Assert.StartsWith("damaged.pth: ", e.Message);
                Assert.Contains($"zip entry '{entry.Name}' is damaged: its CRC-32 is 0x", e.Message);
            }
            checkedEntries++;
        }
        Assert.True(checkedEntries >= 3, $"{checkedEntries} entries");
        using var intact = PyTorchCheckpoint.Load(new MemoryStream(original), "intact.pth");
        Assert.NotEmpty(intact.Tensors);
    }

    [Fact]
    public void A_stored_crc_that_disagrees_is_refused_too()
    {
        byte[] bytes = File.ReadAllBytes(ExpectedTensors.Fixture("dtypes.pth"));
        // The central directory's CRC field of the first entry (offset 16 of its record).
        int central = bytes.AsSpan().LastIndexOf(new byte[] { 0x50, 0x4b, 0x05, 0x06 });
        int first = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(central + 16));
        bytes[first + 16] ^= 0x01;
        var e = Assert.Throws<InvalidDataException>(() => WeightFileRead(bytes));
        Assert.Contains("CRC-32", e.Message);
    }

    private static void WeightFileRead(byte[] bytes)
    {
        using var dir = RepoPaths.NewTempDir();
        string path = dir.File("crc.pth");
        File.WriteAllBytes(path, bytes);
        using TensorDict state = WeightFile.ReadStateDict(path);
    }
}
