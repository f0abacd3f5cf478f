using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace ModelZoo.Data.Tests.Helpers;

/// <summary>Writes PNG files chunk by chunk (valid CRCs unless told otherwise), for header and size edge cases the
/// encoder cannot make: 0×0, a bad IHDR CRC, 1×20000.</summary>
internal static class PngBuilder
{
    public static readonly byte[] Signature = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };

    /// <summary>An 8-bit RGB PNG of <paramref name="width"/> × <paramref name="height"/> with pixel (x, y) from
    /// <paramref name="pixel"/> (declared size and data may disagree when <paramref name="rows"/> is given).</summary>
    public static byte[] Rgb(int width, int height, Func<int, int, (byte R, byte G, byte B)>? pixel = null, int? rows = null, bool badHeaderCrc = false)
    {
        pixel ??= (x, y) => ((byte)(x * 7 + y), (byte)(y * 3), (byte)(x ^ y));
        var raw = new MemoryStream();
        for (int y = 0; y < (rows ?? height); y++)
        {
            raw.WriteByte(0);
            for (int x = 0; x < width; x++)
            {
                (byte r, byte g, byte b) = pixel(x, y);
                raw.WriteByte(r);
                raw.WriteByte(g);
                raw.WriteByte(b);
            }
        }
        var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) raw.WriteTo(z);
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)height);
        header[8] = 8;
        header[9] = 2;
        var png = new MemoryStream();
        png.Write(Signature);
        Chunk(png, "IHDR", header, badHeaderCrc);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    public static void Chunk(Stream s, string type, byte[] data, bool badCrc = false)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        s.Write(word);
        byte[] typed = [.. System.Text.Encoding.ASCII.GetBytes(type), .. data];
        s.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.HashToUInt32(typed) ^ (badCrc ? 0x1u : 0u));
        s.Write(word);
    }
}
