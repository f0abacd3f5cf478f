using System.Buffers.Binary;
using System.IO.Hashing;

namespace ModelZoo.Data.Imaging;

/// <summary>
/// Says precisely what is wrong with the header of an image the codec could not open: a PNG header chunk with a bad
/// CRC-32, a declared 0×0 size, an impossible bit depth; a JPEG whose frame header declares no pixels or that ends before
/// it; a file cut inside its header. The codec alone reports all of these as "incomplete input".
/// </summary>
internal static class ImageHeaderCheck
{
    private const int PngHeaderBytes = 8 + 8 + 13 + 4;   // signature, IHDR length + type, IHDR data, CRC
    private const int PngSideLimit = 1_000_000;          // libpng's default user limit on width and height

    /// <summary>The reason and its category, or null when the header looks sound (the codec's own result then stands).</summary>
    public static (ImageDecodeError Error, string Message)? Diagnose(ReadOnlySpan<byte> data, string format) => format switch
    {
        "PNG" => Png(data),
        "JPEG" => Jpeg(data),
        "BMP" => Bmp(data),
        "WebP" => WebP(data),
        _ => null,
    };

    /// <summary>A WebP file shorter than its RIFF header says (the codec reports that as invalid input).</summary>
    public static (ImageDecodeError Error, string Message)? WebP(ReadOnlySpan<byte> d)
    {
        if (d.Length < 12) return (ImageDecodeError.Truncated, $"the WebP ends inside its RIFF header ({d.Length} of 12 bytes; truncated file).");
        long declared = 8L + BinaryPrimitives.ReadUInt32LittleEndian(d[4..]);
        if (declared > d.Length)
            return (ImageDecodeError.Truncated, $"the WebP's RIFF header says {declared} bytes but the file has {d.Length} (truncated file).");
        return null;
    }

    private static (ImageDecodeError, string)? Bmp(ReadOnlySpan<byte> d)
    {
        if (d.Length < 26) return (ImageDecodeError.Truncated, $"the BMP ends inside its header ({d.Length} bytes; truncated file).");
        if (BinaryPrimitives.ReadUInt32LittleEndian(d[14..]) < 40) return null;   // OS/2 headers: leave to the codec
        int width = BinaryPrimitives.ReadInt32LittleEndian(d[18..]), height = BinaryPrimitives.ReadInt32LittleEndian(d[22..]);
        if (width <= 0 || height == 0)
            return (ImageDecodeError.Corrupt, $"the BMP declares a width of {width} and a height of {height}; the width must be at least 1 and the height not 0.");
        return null;
    }

    private static (ImageDecodeError, string)? Png(ReadOnlySpan<byte> d)
    {
        if (d.Length < PngHeaderBytes)
            return (ImageDecodeError.Truncated, $"the PNG ends inside its header ({d.Length} bytes; the signature and IHDR chunk take {PngHeaderBytes}; truncated file).");
        uint length = BinaryPrimitives.ReadUInt32BigEndian(d[8..]);
        ReadOnlySpan<byte> type = d.Slice(12, 4);
        if (length != 13 || !type.SequenceEqual("IHDR"u8))
            return (ImageDecodeError.Corrupt, $"the PNG's first chunk is {ChunkName(type)} of {length} bytes, not the 13-byte IHDR header chunk (damaged file).");
        uint stored = BinaryPrimitives.ReadUInt32BigEndian(d[29..]);
        uint actual = Crc32.HashToUInt32(d.Slice(12, 17));
        if (stored != actual)
            return (ImageDecodeError.Corrupt, $"the PNG header chunk (IHDR) is damaged: its CRC-32 is 0x{actual:X8} but 0x{stored:X8} is stored.");
        uint width = BinaryPrimitives.ReadUInt32BigEndian(d[16..]), height = BinaryPrimitives.ReadUInt32BigEndian(d[20..]);
        if (width == 0 || height == 0)
            return (ImageDecodeError.Corrupt, $"the PNG declares a {width}x{height} image; width and height must be at least 1.");
        if (width > int.MaxValue || height > int.MaxValue)
            return (ImageDecodeError.Corrupt, $"the PNG declares a {width}x{height} image, beyond PNG's limit of 2^31-1 per side.");
        if (width > PngSideLimit || height > PngSideLimit)
            return (ImageDecodeError.TooLarge, $"the PNG declares a {width}x{height} image; the PNG decoder (libpng) accepts at most {PngSideLimit:N0} pixels per side.");
        byte depth = d[24], colour = d[25];
        bool valid = colour switch
        {
            0 => depth is 1 or 2 or 4 or 8 or 16,
            3 => depth is 1 or 2 or 4 or 8,
            2 or 4 or 6 => depth is 8 or 16,
            _ => false,
        };
        if (!valid)
            return (ImageDecodeError.Corrupt, $"the PNG declares colour type {colour} with bit depth {depth}, which is not a valid combination.");
        if (d[26] != 0 || d[27] != 0 || d[28] > 1)
            return (ImageDecodeError.Corrupt, $"the PNG declares compression {d[26]}, filter {d[27]} and interlace {d[28]}; PNG defines only 0, 0 and 0 or 1.");
        return null;
    }

    private static (ImageDecodeError, string)? Jpeg(ReadOnlySpan<byte> d)
    {
        int p = 2;
        while (p + 4 <= d.Length)
        {
            if (d[p] != 0xFF) return (ImageDecodeError.Corrupt, $"the JPEG has no marker at byte {p} (0x{d[p]:X2} instead of 0xFF; damaged file).");
            byte marker = d[p + 1];
            if (marker == 0xFF) { p++; continue; }
            if (marker is 0xD8 or 0x01 or >= 0xD0 and <= 0xD7) { p += 2; continue; }
            int length = BinaryPrimitives.ReadUInt16BigEndian(d[(p + 2)..]);
            if (length < 2) return (ImageDecodeError.Corrupt, $"the JPEG segment at byte {p} (marker 0x{marker:X2}) declares a length of {length}.");
            bool frame = marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC);
            if (frame)
            {
                if (p + 9 > d.Length) break;
                int height = BinaryPrimitives.ReadUInt16BigEndian(d[(p + 5)..]), width = BinaryPrimitives.ReadUInt16BigEndian(d[(p + 7)..]);
                if (width == 0 || height == 0)
                    return (ImageDecodeError.Corrupt, $"the JPEG frame header (SOF{marker - 0xC0}) declares a {width}x{height} image; width and height must be at least 1.");
                return null;
            }
            if (marker is 0xD9 or 0xDA)
                return (ImageDecodeError.Corrupt, $"the JPEG reaches its {(marker == 0xDA ? "scan data" : "end marker")} without a frame header (SOF marker).");
            p += 2 + length;
        }
        return (ImageDecodeError.Truncated, $"the JPEG ends before its frame header (SOF marker) is complete ({d.Length} bytes; truncated file).");
    }

    private static string ChunkName(ReadOnlySpan<byte> type)
    {
        foreach (byte b in type)
            if (b is < 0x41 or > 0x7A or > 0x5A and < 0x61) return "0x" + Convert.ToHexString(type);
        return "'" + System.Text.Encoding.ASCII.GetString(type) + "'";
    }
}
