using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Google.Protobuf;

namespace ModelZoo.Onnx.Proto;

/// <summary>ONNX <c>TensorProto</c>: a named, typed tensor (an initializer or an attribute value). Data is either
/// little-endian <see cref="RawData"/> or one of the typed repeated fields; <see cref="ToFloatArray"/> and
/// <see cref="ToInt64Array"/> read whichever is present and check its length against <see cref="Dims"/>.</summary>
public sealed class TensorProto
{
    // onnx.proto field numbers
    private const int DimsField = 1, DataTypeField = 2, FloatDataField = 4, Int32DataField = 5, Int64DataField = 7,
        NameField = 8, RawDataField = 9, DoubleDataField = 10;

    public List<long> Dims { get; } = new();
    public TensorElementType DataType { get; set; } = TensorElementType.Float;
    public string Name { get; set; } = "";
    public ReadOnlyMemory<byte> RawData { get; set; }
    public List<float> FloatData { get; } = new();
    public List<long> Int64Data { get; } = new();
    public List<long> Int32Data { get; } = new();
    public List<double> DoubleData { get; } = new();

    /// <summary>Number of elements (the product of <see cref="Dims"/>; 1 for a scalar).</summary>
    public long ElementCount => Dims.Aggregate(1L, (a, b) => a * b);

    /// <summary>A float tensor holding <paramref name="values"/> (copied) with shape <paramref name="dims"/>.</summary>
    public static TensorProto FromFloats(string name, IReadOnlyList<long> dims, ReadOnlySpan<float> values)
    {
        var tensor = new TensorProto { Name = name, DataType = TensorElementType.Float };
        tensor.Dims.AddRange(dims);
        if (values.Length != tensor.ElementCount)
            throw new ArgumentException($"Tensor '{name}' has shape [{string.Join(", ", dims)}] but {values.Length} values.", nameof(values));
        var bytes = new byte[values.Length * sizeof(float)];
        if (BitConverter.IsLittleEndian) MemoryMarshal.AsBytes(values).CopyTo(bytes);
        else for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        tensor.RawData = bytes;
        return tensor;
    }

    /// <summary>A float tensor holding a copy of <paramref name="value"/> (converted to float32, moved to the CPU).</summary>
    public static TensorProto FromTorch(string name, TorchSharp.torch.Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        using TorchSharp.torch.Tensor cpu = value.detach().cpu().to(TorchSharp.torch.ScalarType.Float32).contiguous();
        if (!BitConverter.IsLittleEndian) return FromFloats(name, value.shape, cpu.data<float>().ToArray());
        var tensor = new TensorProto { Name = name, DataType = TensorElementType.Float, RawData = cpu.bytes.ToArray() };
        tensor.Dims.AddRange(value.shape);
        return tensor;
    }

    /// <summary>A new float32 CPU tensor of shape <see cref="Dims"/> holding <see cref="ToFloatArray"/>'s values.</summary>
    internal TorchSharp.torch.Tensor ToTorch() => TorchSharp.torch.tensor(ToFloatArray(), Dims.ToArray());

    /// <summary>An int64 tensor (shape, pads and axes inputs of Reshape, Pad, Slice).</summary>
    public static TensorProto FromInt64s(string name, IReadOnlyList<long> dims, IReadOnlyList<long> values)
    {
        var tensor = new TensorProto { Name = name, DataType = TensorElementType.Int64 };
        tensor.Dims.AddRange(dims);
        var bytes = new byte[values.Count * sizeof(long)];
        for (int i = 0; i < values.Count; i++) BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * 8), values[i]);
        tensor.RawData = bytes;
        return tensor;
    }

    /// <summary>The values as floats (float or double tensors); throws when the data does not match the shape.</summary>
    public float[] ToFloatArray()
    {
        long count = ElementCount;
        switch (DataType)
        {
            case TensorElementType.Float when !RawData.IsEmpty && BitConverter.IsLittleEndian:
                CheckRawCount(4, count);
                return MemoryMarshal.Cast<byte, float>(RawData.Span).ToArray();
            case TensorElementType.Float when !RawData.IsEmpty:
                return DecodeRaw(4, count, BinaryPrimitives.ReadSingleLittleEndian);
            case TensorElementType.Float:
                return Convert(FloatData, count, v => v);
            case TensorElementType.Double when !RawData.IsEmpty:
                return DecodeRaw(8, count, b => (float)BinaryPrimitives.ReadDoubleLittleEndian(b));
            case TensorElementType.Double:
                return Convert(DoubleData, count, v => (float)v);
            default:
                throw new InvalidDataException($"ONNX tensor '{Name}' holds {DataType} values; a float tensor was expected.");
        }
    }

    /// <summary>The values as int64 (int64 or int32 tensors).</summary>
    public long[] ToInt64Array()
    {
        long count = ElementCount;
        return DataType switch
        {
            TensorElementType.Int64 when !RawData.IsEmpty => DecodeRaw(8, count, BinaryPrimitives.ReadInt64LittleEndian),
            TensorElementType.Int64 => Convert(Int64Data, count, v => v),
            TensorElementType.Int32 when !RawData.IsEmpty => DecodeRaw(4, count, b => (long)BinaryPrimitives.ReadInt32LittleEndian(b)),
            TensorElementType.Int32 => Convert(Int32Data, count, v => (long)v),
            _ => throw new InvalidDataException($"ONNX tensor '{Name}' holds {DataType} values; an integer tensor was expected."),
        };
    }

    private delegate T RawReader<out T>(ReadOnlySpan<byte> bytes);

    /// <summary><c>raw_data</c> as <paramref name="count"/> little-endian values of <paramref name="width"/> bytes each.</summary>
    private T[] DecodeRaw<T>(int width, long count, RawReader<T> read)
    {
        CheckRawCount(width, count);
        var values = new T[count];
        ReadOnlySpan<byte> raw = RawData.Span;
        for (int i = 0; i < values.Length; i++) values[i] = read(raw.Slice(i * width, width));
        return values;
    }

    /// <summary>A typed repeated field (<c>float_data</c>, <c>int64_data</c>, ...) as <paramref name="count"/> values.</summary>
    private TOut[] Convert<TIn, TOut>(IReadOnlyCollection<TIn> data, long count, Func<TIn, TOut> convert)
    {
        CheckCount(data.Count, count, false);
        return data.Select(convert).ToArray();
    }

    private void CheckRawCount(int width, long count) => CheckCount(RawData.Length / width, count, RawData.Length % width != 0);

    private void CheckCount(long have, long expected, bool ragged)
    {
        if (ragged || have != expected)
            throw new InvalidDataException(
                $"ONNX tensor '{Name}' has shape [{string.Join(", ", Dims)}] ({expected} values) but its data holds {have}{(ragged ? " and a partial" : "")}.");
    }

    internal int CalculateSize()
    {
        int size = 0;
        foreach (long d in Dims) size += ProtoWriting.Int64Size(DimsField, d);
        size += ProtoWriting.Int64Size(DataTypeField, (int)DataType);
        if (Name.Length > 0) size += ProtoWriting.StringSize(NameField, Name);
        if (!RawData.IsEmpty) size += ProtoWriting.MessageSize(RawDataField, RawData.Length);
        if (FloatData.Count > 0) size += ProtoWriting.MessageSize(FloatDataField, FloatData.Count * 4);
        return size;
    }

    internal void WriteTo(CodedOutputStream output)
    {
        foreach (long d in Dims) ProtoWriting.Int64(output, DimsField, d);
        ProtoWriting.Int64(output, DataTypeField, (int)DataType);
        if (Name.Length > 0) ProtoWriting.String(output, NameField, Name);
        if (!RawData.IsEmpty)
        {
            output.WriteTag(RawDataField, Google.Protobuf.WireFormat.WireType.LengthDelimited);
            output.WriteBytes(UnsafeByteOperations.UnsafeWrap(RawData));
        }
        if (FloatData.Count > 0)
        {
            ProtoWriting.MessageHeader(output, FloatDataField, FloatData.Count * 4);
            foreach (float f in FloatData) output.WriteFloat(f);
        }
    }

    internal static TensorProto Read(ProtoReader reader)
    {
        var tensor = new TensorProto();
        while (reader.NextField(out int field, out WireType wire))
        {
            switch (field)
            {
                case DimsField: reader.ReadInt64s(wire, tensor.Dims); break;
                case DataTypeField: tensor.DataType = (TensorElementType)reader.ReadInt32(); break;
                case FloatDataField: reader.ReadFloats(wire, tensor.FloatData); break;
                case Int32DataField: reader.ReadInt64s(wire, tensor.Int32Data); break;
                case Int64DataField: reader.ReadInt64s(wire, tensor.Int64Data); break;
                case NameField: tensor.Name = reader.ReadString(); break;
                case RawDataField: tensor.RawData = reader.ReadBytes(out _); break;
                case DoubleDataField: ReadDoubles(ref reader, wire, tensor.DoubleData); break;
                default: reader.Skip(wire); break;
            }
        }
        return tensor;
    }

    private static void ReadDoubles(ref ProtoReader reader, WireType wire, List<double> into)
    {
        if (wire != WireType.LengthDelimited)
        {
            into.Add(reader.ReadDouble());
            return;
        }
        ProtoReader packed = reader.ReadMessage("TensorProto.double_data");
        while (!packed.AtEnd) into.Add(packed.ReadDouble());
    }
}
