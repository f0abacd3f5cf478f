using System.Buffers.Binary;
using System.Text;

namespace ModelZoo.Onnx.Proto;

/// <summary>
/// A forward-only protobuf wire-format reader over a slice of the file's bytes. Nested messages are read as sub-slices
/// (no copies), and every length, varint and fixed-width value is checked against the bytes that remain, so a truncated
/// or corrupt file fails with an <see cref="InvalidDataException"/> naming the message, field and byte offset instead
/// of reading past the end. Google.Protobuf's CodedInputStream cannot nest without generated message classes (its
/// PushLimit is internal), which is why reading has its own ~100 lines.
/// </summary>
internal ref struct ProtoReader
{
    private readonly ReadOnlyMemory<byte> _memory;
    private readonly ReadOnlySpan<byte> _span;
    private readonly long _origin;
    private readonly string _message;
    private int _position;

    public ProtoReader(ReadOnlyMemory<byte> memory, long origin, string message)
    {
        _memory = memory;
        _span = memory.Span;
        _origin = origin;
        _message = message;
        _position = 0;
    }

    public readonly bool AtEnd => _position >= _span.Length;

    /// <summary>Absolute offset of the reader in the file.</summary>
    public readonly long Offset => _origin + _position;

    /// <summary>The next field's number and wire type; false at the end of the message.</summary>
    public bool NextField(out int field, out WireType wire)
    {
        field = 0;
        wire = WireType.Varint;
        if (AtEnd) return false;
        ulong tag = ReadVarint();
        field = (int)(tag >> 3);
        wire = (WireType)(int)(tag & 7);
        if (field <= 0) throw Corrupt($"field number {field}");
        if (wire is not (WireType.Varint or WireType.Fixed64 or WireType.LengthDelimited or WireType.Fixed32))
            throw Corrupt($"unsupported wire type {(int)wire} for field {field}");
        return true;
    }

    public ulong ReadVarint()
    {
        ulong result = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _span.Length) throw Truncated("a varint");
            byte b = _span[_position++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw Corrupt("a varint longer than 10 bytes");
    }

    public long ReadInt64() => (long)ReadVarint();

    public int ReadInt32() => (int)(long)ReadVarint();

    public float ReadFloat() => BinaryPrimitives.ReadSingleLittleEndian(Take(4, "a float"));

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8, "a double"));

    /// <summary>The bytes of a length-delimited field, as a slice of the file.</summary>
    public ReadOnlyMemory<byte> ReadBytes(out long offset)
    {
        ulong length = ReadVarint();
        offset = Offset;
        if (length > (ulong)(_span.Length - _position)) throw Truncated($"{length} bytes of a length-delimited field");
        ReadOnlyMemory<byte> slice = _memory.Slice(_position, (int)length);
        _position += (int)length;
        return slice;
    }

    public string ReadString() => Encoding.UTF8.GetString(ReadBytes(out _).Span);

    /// <summary>A reader over the embedded message of the current length-delimited field.</summary>
    public ProtoReader ReadMessage(string message)
    {
        ReadOnlyMemory<byte> bytes = ReadBytes(out long offset);
        return new ProtoReader(bytes, offset, message);
    }

    /// <summary>Appends a repeated int64 field, packed or not.</summary>
    public void ReadInt64s(WireType wire, List<long> into) => ReadRepeated(wire, into, static (ref ProtoReader r) => r.ReadInt64());

    /// <summary>Appends a repeated float field, packed or not.</summary>
    public void ReadFloats(WireType wire, List<float> into) => ReadRepeated(wire, into, static (ref ProtoReader r) => r.ReadFloat());

    /// <summary>Appends a repeated scalar field: one value, or a packed (length-delimited) run of them.</summary>
    private void ReadRepeated<T>(WireType wire, List<T> into, ScalarReader<T> read)
    {
        if (wire != WireType.LengthDelimited)
        {
            into.Add(read(ref this));
            return;
        }
        ProtoReader packed = ReadMessage(_message);
        while (!packed.AtEnd) into.Add(read(ref packed));
    }

    /// <summary>Reads one scalar, advancing the reader it is given.</summary>
    private delegate T ScalarReader<T>(ref ProtoReader reader);

    public void Skip(WireType wire)
    {
        switch (wire)
        {
            case WireType.Varint: ReadVarint(); break;
            case WireType.Fixed64: Take(8, "a fixed64 field"); break;
            case WireType.Fixed32: Take(4, "a fixed32 field"); break;
            default: ReadBytes(out _); break;
        }
    }

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (_span.Length - _position < count) throw Truncated(what);
        ReadOnlySpan<byte> slice = _span.Slice(_position, count);
        _position += count;
        return slice;
    }

    private readonly InvalidDataException Truncated(string what) =>
        new($"truncated {_message} at byte {Offset}: the data ends in the middle of {what}");

    private readonly InvalidDataException Corrupt(string what) =>
        new($"corrupt {_message} at byte {Offset}: {what}");
}
