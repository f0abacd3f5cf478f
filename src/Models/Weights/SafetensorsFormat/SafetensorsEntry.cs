namespace ModelZoo.Models.Weights.SafetensorsFormat;

/// <summary>One tensor described by a safetensors header.</summary>
/// <param name="Name">The tensor's name.</param>
/// <param name="Dtype">The file's dtype code (F32, BF16, U16, ...).</param>
/// <param name="Shape">Its shape (empty for a scalar).</param>
/// <param name="Begin">Start of its bytes, relative to the data section.</param>
/// <param name="End">End (exclusive) of its bytes, relative to the data section.</param>
/// <param name="TorchType">The TorchSharp type it reads as: the same type, except U16 → Int32 and U32 → Int64
/// (widened without loss) and U64 → Int64 (values above <see cref="long.MaxValue"/> are an error).</param>
public sealed record SafetensorsEntry(string Name, string Dtype, long[] Shape, long Begin, long End, ScalarType TorchType)
{
    public long ByteLength => End - Begin;

    public override string ToString() => $"{Name}: {Dtype} {TensorIO.ShapeText(Shape)} [{Begin}, {End})";
}
