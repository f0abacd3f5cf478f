namespace ModelZoo.Onnx.Proto;

/// <summary>ONNX <c>OperatorSetIdProto</c>: an operator set the model uses ("" = the default ai.onnx domain).</summary>
public sealed record OperatorSetIdProto(string Domain, long Version)
{
    private const int DomainField = 1, VersionField = 2;

    internal int CalculateSize() =>
        (Domain.Length > 0 ? ProtoWriting.StringSize(DomainField, Domain) : 0) + ProtoWriting.Int64Size(VersionField, Version);

    internal void WriteTo(Google.Protobuf.CodedOutputStream output)
    {
        if (Domain.Length > 0) ProtoWriting.String(output, DomainField, Domain);
        ProtoWriting.Int64(output, VersionField, Version);
    }

    internal static OperatorSetIdProto Read(ProtoReader reader)
    {
        string domain = "";
        long version = 0;
        while (reader.NextField(out int field, out WireType wire))
        {
            if (field == DomainField) domain = reader.ReadString();
            else if (field == VersionField) version = reader.ReadInt64();
            else reader.Skip(wire);
        }
        return new OperatorSetIdProto(domain, version);
    }
}
