using Google.Protobuf;

namespace ModelZoo.Onnx.Proto;

/// <summary>ONNX <c>NodeProto</c>: one operator application (op type, input and output value names, attributes).</summary>
public sealed class NodeProto
{
    private const int InputField = 1, OutputField = 2, NameField = 3, OpTypeField = 4, AttributeField = 5, DomainField = 7;

    public List<string> Inputs { get; } = new();
    public List<string> Outputs { get; } = new();
    public string Name { get; set; } = "";
    public string OpType { get; set; } = "";
    public string Domain { get; set; } = "";
    public List<AttributeProto> Attributes { get; } = new();

    /// <summary>The attribute named <paramref name="name"/>, or null.</summary>
    public AttributeProto? Attribute(string name) => Attributes.FirstOrDefault(a => a.Name == name);

    /// <summary>An int attribute's value, or <paramref name="fallback"/> when absent.</summary>
    public long IntAttribute(string name, long fallback) => Attribute(name) is { } a ? a.I : fallback;

    /// <summary>A float attribute's value, or <paramref name="fallback"/> when absent.</summary>
    public float FloatAttribute(string name, float fallback) => Attribute(name) is { } a ? a.F : fallback;

    /// <summary>An ints attribute's values, or null when absent.</summary>
    public IReadOnlyList<long>? IntsAttribute(string name) => Attribute(name)?.Ints;

    internal int CalculateSize()
    {
        int size = Inputs.Sum(i => ProtoWriting.StringSize(InputField, i)) + Outputs.Sum(o => ProtoWriting.StringSize(OutputField, o));
        if (Name.Length > 0) size += ProtoWriting.StringSize(NameField, Name);
        size += ProtoWriting.StringSize(OpTypeField, OpType);
        if (Domain.Length > 0) size += ProtoWriting.StringSize(DomainField, Domain);
        foreach (AttributeProto a in Attributes) size += ProtoWriting.MessageSize(AttributeField, a.CalculateSize());
        return size;
    }

    internal void WriteTo(CodedOutputStream output)
    {
        foreach (string i in Inputs) ProtoWriting.String(output, InputField, i);
        foreach (string o in Outputs) ProtoWriting.String(output, OutputField, o);
        if (Name.Length > 0) ProtoWriting.String(output, NameField, Name);
        ProtoWriting.String(output, OpTypeField, OpType);
        foreach (AttributeProto a in Attributes)
        {
            ProtoWriting.MessageHeader(output, AttributeField, a.CalculateSize());
            a.WriteTo(output);
        }
        if (Domain.Length > 0) ProtoWriting.String(output, DomainField, Domain);
    }

    internal static NodeProto Read(ProtoReader reader)
    {
        var node = new NodeProto();
        while (reader.NextField(out int field, out WireType wire))
        {
            switch (field)
            {
                case InputField: node.Inputs.Add(reader.ReadString()); break;
                case OutputField: node.Outputs.Add(reader.ReadString()); break;
                case NameField: node.Name = reader.ReadString(); break;
                case OpTypeField: node.OpType = reader.ReadString(); break;
                case AttributeField: node.Attributes.Add(AttributeProto.Read(reader.ReadMessage("AttributeProto"))); break;
                case DomainField: node.Domain = reader.ReadString(); break;
                default: reader.Skip(wire); break;
            }
        }
        return node;
    }

    public override string ToString() => $"{OpType}({string.Join(", ", Inputs)}) -> {string.Join(", ", Outputs)}";
}
