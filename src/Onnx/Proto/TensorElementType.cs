namespace ModelZoo.Onnx.Proto;

/// <summary>ONNX's <c>TensorProto.DataType</c> codes of the element types this library reads or writes.</summary>
public enum TensorElementType
{
    Undefined = 0,
    Float = 1,
    UInt8 = 2,
    Int8 = 3,
    Int32 = 6,
    Int64 = 7,
    Double = 11,
}
