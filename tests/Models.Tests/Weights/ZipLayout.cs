using System.Buffers.Binary;

namespace ModelZoo.Models.Tests.Weights;

/// <summary>Where each entry's bytes lie in a zip file, from the central directory and the local headers (torch
/// writes data descriptors, so local headers carry no sizes): what a mutation test needs to know whether it changed
/// an entry's data or only the archive's bookkeeping.</summary>
internal static class ZipLayout
{
    public sealed record Entry(string Name, int DataStart, int DataLength);

    public static IReadOnlyList<Entry> Entries(byte[] zip)
    {
        ReadOnlySpan<byte> z = zip;
        int end = z.LastIndexOf(new byte[] { 0x50, 0x4b, 0x05, 0x06 });
        if (end < 0) throw new InvalidDataException("no end of central directory record");
        int count = BinaryPrimitives.ReadUInt16LittleEndian(z[(end + 10)..]);
        int p = (int)BinaryPrimitives.ReadUInt32LittleEndian(z[(end + 16)..]);
        var entries = new List<Entry>();
        for (int i = 0; i < count; i++)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(z[p..]) != 0x02014b50) throw new InvalidDataException($"bad central record {i}");
            int compressed = (int)BinaryPrimitives.ReadUInt32LittleEndian(z[(p + 20)..]);
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(z[(p + 28)..]);
            int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(z[(p + 30)..]);
            int commentLength = BinaryPrimitives.ReadUInt16LittleEndian(z[(p + 32)..]);
            int local = (int)BinaryPrimitives.ReadUInt32LittleEndian(z[(p + 42)..]);
            string name = System.Text.Encoding.UTF8.GetString(zip, p + 46, nameLength);
            int localName = BinaryPrimitives.ReadUInt16LittleEndian(z[(local + 26)..]);
            int localExtra = BinaryPrimitives.ReadUInt16LittleEndian(z[(local + 28)..]);
            entries.Add(new Entry(name, local + 30 + localName + localExtra, compressed));
            p += 46 + nameLength + extraLength + commentLength;
        }
        return entries;
    }

    /// <summary>The entry whose data holds byte <paramref name="offset"/>, or null.</summary>
    public static Entry? At(IReadOnlyList<Entry> entries, int offset) =>
        entries.FirstOrDefault(e => offset >= e.DataStart && offset < e.DataStart + e.DataLength);
}
