using ModelZoo.Models.Weights.Pickle;

namespace ModelZoo.Models.Weights.SafetensorsFormat;

/// <summary>safetensors dtype codes ↔ element types.</summary>
internal static class SafetensorsDtypes
{
    public static ElementType? FromCode(string code) => code switch
    {
        "BOOL" => ElementType.Bool,
        "U8" => ElementType.UInt8,
        "I8" => ElementType.Int8,
        "I16" => ElementType.Int16,
        "U16" => ElementType.UInt16,
        "I32" => ElementType.Int32,
        "U32" => ElementType.UInt32,
        "I64" => ElementType.Int64,
        "U64" => ElementType.UInt64,
        "F16" => ElementType.Float16,
        "BF16" => ElementType.BFloat16,
        "F32" => ElementType.Float32,
        "F64" => ElementType.Float64,
        "C64" => ElementType.Complex64,
        _ => null,
    };

    public static string? ToCode(ScalarType type) => type switch
    {
        ScalarType.Bool => "BOOL",
        ScalarType.Byte => "U8",
        ScalarType.Int8 => "I8",
        ScalarType.Int16 => "I16",
        ScalarType.Int32 => "I32",
        ScalarType.Int64 => "I64",
        ScalarType.Float16 => "F16",
        ScalarType.BFloat16 => "BF16",
        ScalarType.Float32 => "F32",
        ScalarType.Float64 => "F64",
        ScalarType.ComplexFloat32 => "C64",
        _ => null,
    };
}
