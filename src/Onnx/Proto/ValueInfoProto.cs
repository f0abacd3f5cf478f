using Google.Protobuf;

namespace ModelZoo.Onnx.Proto;

/// <summary>ONNX <c>ValueInfoProto</c> with a tensor <c>TypeProto</c>: a graph input's or output's name, element type and
/// shape (the only value type this library writes; other types are skipped when read).</summary>
public sealed class ValueInfoProto
{
    // ValueInfoProto: name 1, type 2; TypeProto: tensor_type 1; TypeProto.Tensor: elem_type 1, shape 2;
    // TensorShapeProto: dim 1; Dimension: dim_value 1, dim_param 2.
    private const int NameField = 1, TypeField = 2, TensorTypeField = 1, ElemTypeField = 1, ShapeField = 2, DimField = 1,
        DimValueField = 1, DimParamField = 2;

    public string Name { get; set; } = "";
    public TensorElementType ElementType { get; set; } = TensorElementType.Float;

    /// <summary>The dimensions; null when the type carries no shape.</summary>
    public List<TensorDimension>? Shape { get; set; }

    public static ValueInfoProto Tensor(string name, IEnumerable<TensorDimension> shape) =>
        new() { Name = name, Shape = shape.ToList() };

    private int DimSize(TensorDimension d) => d.Value is { } v
        ? ProtoWriting.Int64Size(DimValueField, v)
        : ProtoWriting.StringSize(DimParamField, d.Param ?? "");

    private int ShapeSize() => Shape!.Sum(d => ProtoWriting.MessageSize(DimField, DimSize(d)));

    private int TensorTypeSize() =>
        ProtoWriting.Int64Size(ElemTypeField, (int)ElementType) + (Shape is null ? 0 : ProtoWriting.MessageSize(ShapeField, ShapeSize()));

    private int TypeSize() => ProtoWriting.MessageSize(TensorTypeField, TensorTypeSize());

    internal int CalculateSize() => ProtoWriting.StringSize(NameField, Name) + ProtoWriting.MessageSize(TypeField, TypeSize());

    internal void WriteTo(CodedOutputStream output)
    {
        ProtoWriting.String(output, NameField, Name);
        ProtoWriting.MessageHeader(output, TypeField, TypeSize());
        ProtoWriting.MessageHeader(output, TensorTypeField, TensorTypeSize());
        ProtoWriting.Int64(output, ElemTypeField, (int)ElementType);
        if (Shape is null) return;
        ProtoWriting.MessageHeader(output, ShapeField, ShapeSize());
        foreach (TensorDimension d in Shape)
        {
            ProtoWriting.MessageHeader(output, DimField, DimSize(d));
            if (d.Value is { } v) ProtoWriting.Int64(output, DimValueField, v);
            else ProtoWriting.String(output, DimParamField, d.Param ?? "");
        }
    }

    internal static ValueInfoProto Read(ProtoReader reader)
    {
        var info = new ValueInfoProto { ElementType = TensorElementType.Undefined };
        while (reader.NextField(out int field, out WireType wire))
        {
            if (field == NameField) info.Name = reader.ReadString();
            else if (field == TypeField) ReadType(reader.ReadMessage("TypeProto"), info);
            else reader.Skip(wire);
        }
        return info;
    }

    private static void ReadType(ProtoReader reader, ValueInfoProto info)
    {
        while (reader.NextField(out int field, out WireType wire))
        {
            if (field != TensorTypeField)
            {
                reader.Skip(wire);
                continue;
            }
            ProtoReader tensor = reader.ReadMessage("TypeProto.Tensor");
            while (tensor.NextField(out int f, out WireType w))
            {
                if (f == ElemTypeField) info.ElementType = (TensorElementType)tensor.ReadInt32();
                else if (f == ShapeField) info.Shape = ReadShape(tensor.ReadMessage("TensorShapeProto"));
                else tensor.Skip(w);
            }
        }
    }

    private static List<TensorDimension> ReadShape(ProtoReader reader)
    {
        var dims = new List<TensorDimension>();
        while (reader.NextField(out int field, out WireType wire))
        {
            if (field != DimField)
            {
                reader.Skip(wire);
                continue;
            }
            ProtoReader dim = reader.ReadMessage("TensorShapeProto.Dimension");
            long? value = null;
            string? param = null;
            while (dim.NextField(out int f, out WireType w))
            {
                if (f == DimValueField) value = dim.ReadInt64();
                else if (f == DimParamField) param = dim.ReadString();
                else dim.Skip(w);
            }
            dims.Add(new TensorDimension(value, param));
        }
        return dims;
    }

    public override string ToString() => $"{Name}: {ElementType}[{(Shape is null ? "?" : string.Join(", ", Shape))}]";
}
