using Google.Protobuf;

namespace ModelZoo.Onnx.Proto;

/// <summary>Size computation and field writers over Google.Protobuf's <see cref="CodedOutputStream"/>: a nested message
/// is written as its tag, its precomputed length and its fields.</summary>
internal static class ProtoWriting
{
    public static int TagSize(int field) => CodedOutputStream.ComputeTagSize(field);

    public static int StringSize(int field, string value) => TagSize(field) + CodedOutputStream.ComputeStringSize(value);

    public static int Int64Size(int field, long value) => TagSize(field) + CodedOutputStream.ComputeInt64Size(value);

    public static int MessageSize(int field, int size) => TagSize(field) + CodedOutputStream.ComputeLengthSize(size) + size;

    public static void String(CodedOutputStream output, int field, string value)
    {
        output.WriteTag(field, Google.Protobuf.WireFormat.WireType.LengthDelimited);
        output.WriteString(value);
    }

    public static void Int64(CodedOutputStream output, int field, long value)
    {
        output.WriteTag(field, Google.Protobuf.WireFormat.WireType.Varint);
        output.WriteInt64(value);
    }

    public static void MessageHeader(CodedOutputStream output, int field, int size)
    {
        output.WriteTag(field, Google.Protobuf.WireFormat.WireType.LengthDelimited);
        output.WriteLength(size);
    }
}
