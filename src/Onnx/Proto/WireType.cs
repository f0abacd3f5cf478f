namespace ModelZoo.Onnx.Proto;

/// <summary>The protobuf wire types the ONNX messages use.</summary>
internal enum WireType
{
    Varint = 0,
    Fixed64 = 1,
    LengthDelimited = 2,
    Fixed32 = 5,
}
