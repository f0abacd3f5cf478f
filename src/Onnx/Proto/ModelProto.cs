using Google.Protobuf;

namespace ModelZoo.Onnx.Proto;

/// <summary>
/// ONNX <c>ModelProto</c>, hand-written for the fields this library uses (onnx.proto field numbers; unknown fields are
/// skipped when reading): IR version, operator sets, producer, graph and <c>metadata_props</c>.
/// <see cref="Read(string)"/> parses a file with bounds checks; <see cref="WriteTo(Stream)"/> streams it out.
/// </summary>
public sealed class ModelProto
{
    private const int IrVersionField = 1, ProducerNameField = 2, ProducerVersionField = 3, DomainField = 4, ModelVersionField = 5,
        DocStringField = 6, GraphField = 7, OpsetImportField = 8, MetadataPropsField = 14;
    private const int KeyField = 1, ValueField = 2;

    public long IrVersion { get; set; }
    public List<OperatorSetIdProto> OpsetImports { get; } = new();
    public string ProducerName { get; set; } = "";
    public string ProducerVersion { get; set; } = "";
    public string Domain { get; set; } = "";
    public long ModelVersion { get; set; }
    public string DocString { get; set; } = "";
    public GraphProto Graph { get; set; } = new();

    /// <summary><c>metadata_props</c> in file order (key → value).</summary>
    public List<KeyValuePair<string, string>> MetadataProps { get; } = new();

    /// <summary>The version of the default (ai.onnx) operator set, or 0 when none is imported.</summary>
    public long DefaultOpset => OpsetImports.FirstOrDefault(o => o.Domain is "" or "ai.onnx")?.Version ?? 0;

    /// <summary>The value of metadata <paramref name="key"/>, or null.</summary>
    public string? Metadata(string key) => MetadataProps.Where(p => p.Key == key).Select(p => p.Value).FirstOrDefault();

    /// <summary>Reads and parses an ONNX file. A file that is not a complete ONNX model (truncated, not protobuf, no graph)
    /// is an <see cref="InvalidDataException"/> naming the file and the problem in one line.</summary>
    public static ModelProto Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"ONNX file not found: {path}", path);
        var info = new FileInfo(path);
        if (info.Length > int.MaxValue)
            throw new InvalidDataException($"{path} is {info.Length:N0} bytes; ONNX files with external data over 2 GB are not supported.");
        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Parses ONNX model bytes; <paramref name="source"/> names them in errors.</summary>
    public static ModelProto Parse(ReadOnlyMemory<byte> bytes, string source = "ONNX model")
    {
        try
        {
            var model = new ModelProto();
            bool hasGraph = false;
            var reader = new ProtoReader(bytes, 0, "ModelProto");
            while (reader.NextField(out int field, out WireType wire))
            {
                switch (field)
                {
                    case IrVersionField: model.IrVersion = reader.ReadInt64(); break;
                    case ProducerNameField: model.ProducerName = reader.ReadString(); break;
                    case ProducerVersionField: model.ProducerVersion = reader.ReadString(); break;
                    case DomainField: model.Domain = reader.ReadString(); break;
                    case ModelVersionField: model.ModelVersion = reader.ReadInt64(); break;
                    case DocStringField: model.DocString = reader.ReadString(); break;
                    case GraphField:
                        model.Graph = GraphProto.Read(reader.ReadMessage("GraphProto"));
                        hasGraph = true;
                        break;
                    case OpsetImportField: model.OpsetImports.Add(OperatorSetIdProto.Read(reader.ReadMessage("OperatorSetIdProto"))); break;
                    case MetadataPropsField: model.MetadataProps.Add(ReadEntry(reader.ReadMessage("StringStringEntryProto"))); break;
                    default: reader.Skip(wire); break;
                }
            }
            if (!hasGraph) throw new InvalidDataException("it has no graph");
            if (model.IrVersion <= 0) throw new InvalidDataException("it has no ir_version");
            if (model.OpsetImports.Count == 0) throw new InvalidDataException("it imports no operator set (truncated after the graph?)");
            return model;
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"{source} is not a valid ONNX model: {ex.Message}.", ex);
        }
    }

    private static KeyValuePair<string, string> ReadEntry(ProtoReader reader)
    {
        string key = "", value = "";
        while (reader.NextField(out int field, out WireType wire))
        {
            if (field == KeyField) key = reader.ReadString();
            else if (field == ValueField) value = reader.ReadString();
            else reader.Skip(wire);
        }
        return new KeyValuePair<string, string>(key, value);
    }

    /// <summary>Serialized size in bytes.</summary>
    public int CalculateSize()
    {
        long size = ProtoWriting.Int64Size(IrVersionField, IrVersion);
        if (ProducerName.Length > 0) size += ProtoWriting.StringSize(ProducerNameField, ProducerName);
        if (ProducerVersion.Length > 0) size += ProtoWriting.StringSize(ProducerVersionField, ProducerVersion);
        if (Domain.Length > 0) size += ProtoWriting.StringSize(DomainField, Domain);
        if (ModelVersion != 0) size += ProtoWriting.Int64Size(ModelVersionField, ModelVersion);
        if (DocString.Length > 0) size += ProtoWriting.StringSize(DocStringField, DocString);
        size += ProtoWriting.MessageSize(GraphField, Graph.CalculateSize());
        size += OpsetImports.Sum(o => ProtoWriting.MessageSize(OpsetImportField, o.CalculateSize()));
        size += MetadataProps.Sum(p => ProtoWriting.MessageSize(MetadataPropsField, EntrySize(p)));
        if (size > int.MaxValue) throw new InvalidOperationException($"The model is {size:N0} bytes; protobuf (and so ONNX without external data) is limited to 2 GB.");
        return (int)size;
    }

    /// <summary>Writes the serialized model to <paramref name="stream"/>.</summary>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        CalculateSize();   // fails early past 2 GB
        using var output = new CodedOutputStream(stream, leaveOpen: true);
        ProtoWriting.Int64(output, IrVersionField, IrVersion);
        if (ProducerName.Length > 0) ProtoWriting.String(output, ProducerNameField, ProducerName);
        if (ProducerVersion.Length > 0) ProtoWriting.String(output, ProducerVersionField, ProducerVersion);
        if (Domain.Length > 0) ProtoWriting.String(output, DomainField, Domain);
        if (ModelVersion != 0) ProtoWriting.Int64(output, ModelVersionField, ModelVersion);
        if (DocString.Length > 0) ProtoWriting.String(output, DocStringField, DocString);
        ProtoWriting.MessageHeader(output, GraphField, Graph.CalculateSize());
        Graph.WriteTo(output);
        foreach (OperatorSetIdProto o in OpsetImports)
        {
            ProtoWriting.MessageHeader(output, OpsetImportField, o.CalculateSize());
            o.WriteTo(output);
        }
        foreach (KeyValuePair<string, string> p in MetadataProps)
        {
            ProtoWriting.MessageHeader(output, MetadataPropsField, EntrySize(p));
            ProtoWriting.String(output, KeyField, p.Key);
            ProtoWriting.String(output, ValueField, p.Value);
        }
        output.Flush();
    }

    /// <summary>The serialized model.</summary>
    public byte[] ToByteArray()
    {
        using var stream = new MemoryStream(CalculateSize());
        WriteTo(stream);
        return stream.ToArray();
    }

    private static int EntrySize(KeyValuePair<string, string> p) =>
        ProtoWriting.StringSize(KeyField, p.Key) + ProtoWriting.StringSize(ValueField, p.Value);
}
