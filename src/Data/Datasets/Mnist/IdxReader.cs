using System.IO.Compression;

namespace ModelZoo.Data.Datasets.Mnist;

/// <summary>
/// Reads IDX files (gzip-compressed or raw) with unsigned-byte data: magic 0x00000801 (labels, 1-D) and 0x00000803
/// (images, 3-D). Validates the magic number, dimensions and exact length, with errors naming the file.
/// </summary>
public static class IdxReader
{
    public const int LabelsMagic = 2049;
    public const int ImagesMagic = 2051;
    private const long MaxBytes = 1L << 31;

    /// <summary>Reads <paramref name="path"/>; <paramref name="expectedMagic"/> is 2049 or 2051 (or null for any unsigned-byte IDX).</summary>
    public static IdxFile Read(string path, int? expectedMagic = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"IDX file not found: {path}", path);
        using FileStream file = File.OpenRead(path);
        bool gzip = file.Length >= 2 && file.ReadByte() == 0x1f && file.ReadByte() == 0x8b;
        file.Position = 0;
        using Stream stream = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        try
        {
            return Read(stream, path, expectedMagic);
        }
        catch (InvalidDataException ex) when (!ex.Message.StartsWith("IDX file", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"IDX file {path}: corrupt gzip data ({ex.Message}).", ex);
        }
    }

    private static IdxFile Read(Stream stream, string path, int? expectedMagic)
    {
        Span<byte> header = stackalloc byte[4];
        ReadExactly(stream, header, path, "the 4-byte magic number");
        if (header[0] != 0 || header[1] != 0)
            throw Bad(path, $"bad magic number 0x{header[0]:x2}{header[1]:x2}{header[2]:x2}{header[3]:x2}; an IDX file starts with two zero bytes, a type byte and a dimension count (labels 0x00000801, images 0x00000803)");
        if (header[2] != 0x08)
            throw Bad(path, $"data type 0x{header[2]:x2} is not supported; only unsigned bytes (0x08) are");
        int dims = header[3];
        int magic = (header[2] << 8) | dims;
        if (expectedMagic is { } m && magic != m)
            throw Bad(path, $"magic number {magic} where {m} ({(m == LabelsMagic ? "labels" : "images")}) was expected");
        if (dims < 1 || dims > 4) throw Bad(path, $"{dims} dimensions; expected 1 to 4");

        var sizes = new int[dims];
        Span<byte> dim = stackalloc byte[4];
        long total = 1;
        for (int i = 0; i < dims; i++)
        {
            ReadExactly(stream, dim, path, $"dimension {i}");
            long size = ((long)dim[0] << 24) | ((long)dim[1] << 16) | ((long)dim[2] << 8) | dim[3];
            if (size <= 0 || size > int.MaxValue) throw Bad(path, $"dimension {i} is {size}");
            sizes[i] = (int)size;
            total *= size;
            if (total > MaxBytes) throw Bad(path, $"dimensions [{string.Join(", ", sizes.Take(i + 1))}] describe more than {MaxBytes} bytes");
        }

        var data = new byte[total];
        int read = ReadUpTo(stream, data);
        if (read < total)
            throw Bad(path, $"truncated: the header describes [{string.Join(" x ", sizes)}] = {total} bytes of data, but the file holds {read}");
        if (stream.ReadByte() != -1)
            throw Bad(path, $"{total} bytes of data expected for [{string.Join(" x ", sizes)}], but the file is longer");
        return new IdxFile(sizes, data);
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string path, string what)
    {
        int got = 0;
        while (got < buffer.Length)
        {
            int n = stream.Read(buffer[got..]);
            if (n == 0) throw Bad(path, $"truncated while reading {what}");
            got += n;
        }
    }

    private static int ReadUpTo(Stream stream, byte[] buffer)
    {
        int got = 0;
        while (got < buffer.Length)
        {
            int n = stream.Read(buffer, got, buffer.Length - got);
            if (n == 0) break;
            got += n;
        }
        return got;
    }

    private static InvalidDataException Bad(string path, string why) => new($"IDX file {path}: {why}.");
}
