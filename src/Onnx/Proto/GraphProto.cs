using Google.Protobuf;

namespace ModelZoo.Onnx.Proto;

/// <summary>ONNX <c>GraphProto</c>: nodes in topological order, named initializers (the weights), graph inputs and outputs.</summary>
public sealed class GraphProto
{
    private const int NodeField = 1, NameField = 2, InitializerField = 5, DocStringField = 10, InputField = 11, OutputField = 12,
        ValueInfoField = 13;

    public List<NodeProto> Nodes { get; } = new();
    public string Name { get; set; } = "";
    public List<TensorProto> Initializers { get; } = new();
    public string DocString { get; set; } = "";
    public List<ValueInfoProto> Inputs { get; } = new();
    public List<ValueInfoProto> Outputs { get; } = new();
    public List<ValueInfoProto> ValueInfo { get; } = new();

    internal int CalculateSize()
    {
        int size = Nodes.Sum(n => ProtoWriting.MessageSize(NodeField, n.CalculateSize()));
        if (Name.Length > 0) size += ProtoWriting.StringSize(NameField, Name);
        foreach (TensorProto t in Initializers) size += ProtoWriting.MessageSize(InitializerField, t.CalculateSize());
        if (DocString.Length > 0) size += ProtoWriting.StringSize(DocStringField, DocString);
        size += Inputs.Sum(v => ProtoWriting.MessageSize(InputField, v.CalculateSize()));
        size += Outputs.Sum(v => ProtoWriting.MessageSize(OutputField, v.CalculateSize()));
        size += ValueInfo.Sum(v => ProtoWriting.MessageSize(ValueInfoField, v.CalculateSize()));
        return size;
    }

    internal void WriteTo(CodedOutputStream output)
    {
        foreach (NodeProto n in Nodes)
        {
            ProtoWriting.MessageHeader(output, NodeField, n.CalculateSize());
            n.WriteTo(output);
        }
        if (Name.Length > 0) ProtoWriting.String(output, NameField, Name);
        foreach (TensorProto t in Initializers)
        {
            ProtoWriting.MessageHeader(output, InitializerField, t.CalculateSize());
            t.WriteTo(output);
        }
        if (DocString.Length > 0) ProtoWriting.String(output, DocStringField, DocString);
        Write(output, InputField, Inputs);
        Write(output, OutputField, Outputs);
        Write(output, ValueInfoField, ValueInfo);
    }

    private static void Write(CodedOutputStream output, int field, List<ValueInfoProto> values)
    {
        foreach (ValueInfoProto v in values)
        {
            ProtoWriting.MessageHeader(output, field, v.CalculateSize());
            v.WriteTo(output);
        }
    }

    internal static GraphProto Read(ProtoReader reader)
    {
        var graph = new GraphProto();
        while (reader.NextField(out int field, out WireType wire))
        {
            switch (field)
            {
                case NodeField: graph.Nodes.Add(NodeProto.Read(reader.ReadMessage("NodeProto"))); break;
                case NameField: graph.Name = reader.ReadString(); break;
                case InitializerField: graph.Initializers.Add(TensorProto.Read(reader.ReadMessage("TensorProto"))); break;
                case DocStringField: graph.DocString = reader.ReadString(); break;
                case InputField: graph.Inputs.Add(ValueInfoProto.Read(reader.ReadMessage("ValueInfoProto"))); break;
                case OutputField: graph.Outputs.Add(ValueInfoProto.Read(reader.ReadMessage("ValueInfoProto"))); break;
                case ValueInfoField: graph.ValueInfo.Add(ValueInfoProto.Read(reader.ReadMessage("ValueInfoProto"))); break;
                default: reader.Skip(wire); break;
            }
        }
        return graph;
    }
}
