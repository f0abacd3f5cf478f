using System.Text;
using Google.Protobuf;

namespace ModelZoo.Onnx.Proto;

/// <summary>ONNX <c>AttributeProto</c>: one named node attribute (a float, int, string, tensor, or a list of floats or ints).</summary>
public sealed class AttributeProto
{
    private const int NameField = 1, FField = 2, IField = 3, SField = 4, TField = 5, FloatsField = 7, IntsField = 8, TypeField = 20;

    public string Name { get; set; } = "";
    public AttributeType Type { get; set; }
    public float F { get; set; }
    public long I { get; set; }
    public string S { get; set; } = "";
    public TensorProto? T { get; set; }
    public List<float> Floats { get; } = new();
    public List<long> Ints { get; } = new();

    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) => new() { Name = name, Type = AttributeType.Float, F = value };

    public static AttributeProto String(string name, string value) => new() { Name = name, Type = AttributeType.String, S = value };

    public static AttributeProto IntList(string name, IEnumerable<long> values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }

    internal int CalculateSize()
    {
        int size = ProtoWriting.StringSize(NameField, Name) + ProtoWriting.Int64Size(TypeField, (int)Type);
        switch (Type)
        {
            case AttributeType.Float: size += ProtoWriting.TagSize(FField) + 4; break;
            case AttributeType.Int: size += ProtoWriting.Int64Size(IField, I); break;
            case AttributeType.String: size += ProtoWriting.MessageSize(SField, Encoding.UTF8.GetByteCount(S)); break;
            case AttributeType.Tensor: size += ProtoWriting.MessageSize(TField, T!.CalculateSize()); break;
            case AttributeType.Floats: size += Floats.Count * (ProtoWriting.TagSize(FloatsField) + 4); break;
            case AttributeType.Ints: size += Ints.Sum(i => ProtoWriting.Int64Size(IntsField, i)); break;
            default: throw new NotSupportedException($"Writing attribute '{Name}' of type {Type} is not supported.");
        }
        return size;
    }

    internal void WriteTo(CodedOutputStream output)
    {
        ProtoWriting.String(output, NameField, Name);
        switch (Type)
        {
            case AttributeType.Float:
                output.WriteTag(FField, WireFormat.WireType.Fixed32);
                output.WriteFloat(F);
                break;
            case AttributeType.Int: ProtoWriting.Int64(output, IField, I); break;
            case AttributeType.String:
                output.WriteTag(SField, WireFormat.WireType.LengthDelimited);
                output.WriteBytes(ByteString.CopyFromUtf8(S));
                break;
            case AttributeType.Tensor:
                ProtoWriting.MessageHeader(output, TField, T!.CalculateSize());
                T.WriteTo(output);
                break;
            case AttributeType.Floats:
                foreach (float f in Floats)
                {
                    output.WriteTag(FloatsField, WireFormat.WireType.Fixed32);
                    output.WriteFloat(f);
                }
                break;
            case AttributeType.Ints:
                foreach (long i in Ints) ProtoWriting.Int64(output, IntsField, i);
                break;
        }
        ProtoWriting.Int64(output, TypeField, (int)Type);
    }

    internal static AttributeProto Read(ProtoReader reader)
    {
        var a = new AttributeProto();
        while (reader.NextField(out int field, out WireType wire))
        {
            switch (field)
            {
                case TypeField: a.Type = (AttributeType)reader.ReadInt32(); break;   // the type says which value field counts
                case NameField: a.Name = reader.ReadString(); break;
                case FField: a.F = reader.ReadFloat(); break;
                case IField: a.I = reader.ReadInt64(); break;
                case SField: a.S = reader.ReadString(); break;
                case TField: a.T = TensorProto.Read(reader.ReadMessage("TensorProto")); break;
                case FloatsField: reader.ReadFloats(wire, a.Floats); break;
                case IntsField: reader.ReadInt64s(wire, a.Ints); break;
                default: reader.Skip(wire); break;
            }
        }
        return a;
    }
}
