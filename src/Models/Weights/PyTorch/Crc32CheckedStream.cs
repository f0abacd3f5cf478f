using System.IO.Hashing;

namespace ModelZoo.Models.Weights.PyTorch;

/// <summary>
/// Reads a zip entry while computing its CRC-32; <see cref="Verify"/> reads whatever is left of the entry and compares
/// the result with the CRC-32 the zip's directory records, so damaged bytes are refused by name instead of loading as
/// wrong weights. Read-only, forward-only.
/// </summary>
internal sealed class Crc32CheckedStream(Stream inner, uint expected, long length, string entry, string source) : Stream
{
    private readonly Crc32 _crc = new();
    private long _read;
    private bool _verified;

    /// <summary>The entry's full name in the archive.</summary>
    public string Entry => entry;

    /// <summary>Reads to the end of the entry and throws <see cref="InvalidDataException"/> naming it when its CRC-32 or
    /// its length differs from the directory's.</summary>
    public void Verify()
    {
        if (_verified) return;
        var rest = new byte[1 << 16];
        while (_read <= length && Read(rest, 0, rest.Length) > 0) { }
        if (_read != length)
            throw new InvalidDataException($"{source}: zip entry '{PrintableText.Escape(entry)}' holds {_read} bytes but the zip directory says {length} (truncated or corrupt file).");
        Compare(_crc.GetCurrentHashAsUInt32(), expected, entry, source);
        _verified = true;
    }

    /// <summary>The CRC-32 check for a whole entry read at once.</summary>
    public static void Check(ReadOnlySpan<byte> data, uint expected, string entry, string source) =>
        Compare(Crc32.HashToUInt32(data), expected, entry, source);

    private static void Compare(uint actual, uint expected, string entry, string source)
    {
        if (actual != expected)
            throw new InvalidDataException($"{source}: zip entry '{PrintableText.Escape(entry)}' is damaged: its CRC-32 is 0x{actual:X8} but the zip directory "
                + $"records 0x{expected:X8}; the file is corrupt (download or save it again).");
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = inner.Read(buffer);
        if (n > 0)
        {
            _crc.Append(buffer[..n]);
            _read += n;
        }
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;
    public override long Position { get => _read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
