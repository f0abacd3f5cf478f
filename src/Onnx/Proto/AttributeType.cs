namespace ModelZoo.Onnx.Proto;

/// <summary>ONNX's <c>AttributeProto.AttributeType</c> codes this library reads or writes.</summary>
public enum AttributeType
{
    Undefined = 0,
    // A single value (onnx.proto groups the codes the same way).
    Float = 1, Int = 2, String = 3, Tensor = 4, Graph = 5,
    // A list of values.
    Floats = 6, Ints = 7, Strings = 8,
}
