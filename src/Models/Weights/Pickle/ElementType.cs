namespace ModelZoo.Models.Weights.Pickle;

/// <summary>
/// A tensor element type as a checkpoint names it (PyTorch dtype or storage class, safetensors dtype code):
/// the TorchSharp type its bytes are read as (<see cref="Storage"/>, <see cref="Size"/> bytes each) and the type
/// the caller gets (<see cref="Result"/>). They differ only for unsigned 16/32/64-bit integers, which TorchSharp
/// lacks: those are widened without loss (uint16 → int32, uint32 → int64) or, for uint64, kept as int64 when
/// every value fits (else the read fails).
/// </summary>
internal sealed record ElementType(string Name, ScalarType Storage, int Size, ScalarType Result)
{
    public static readonly ElementType Float32 = new("float32", ScalarType.Float32, 4, ScalarType.Float32);
    public static readonly ElementType Float64 = new("float64", ScalarType.Float64, 8, ScalarType.Float64);
    public static readonly ElementType Float16 = new("float16", ScalarType.Float16, 2, ScalarType.Float16);
    public static readonly ElementType BFloat16 = new("bfloat16", ScalarType.BFloat16, 2, ScalarType.BFloat16);
    public static readonly ElementType UInt8 = new("uint8", ScalarType.Byte, 1, ScalarType.Byte);
    public static readonly ElementType Int8 = new("int8", ScalarType.Int8, 1, ScalarType.Int8);
    public static readonly ElementType Int16 = new("int16", ScalarType.Int16, 2, ScalarType.Int16);
    public static readonly ElementType Int32 = new("int32", ScalarType.Int32, 4, ScalarType.Int32);
    public static readonly ElementType Int64 = new("int64", ScalarType.Int64, 8, ScalarType.Int64);
    public static readonly ElementType Bool = new("bool", ScalarType.Bool, 1, ScalarType.Bool);
    public static readonly ElementType Complex64 = new("complex64", ScalarType.ComplexFloat32, 8, ScalarType.ComplexFloat32);
    public static readonly ElementType Complex128 = new("complex128", ScalarType.ComplexFloat64, 16, ScalarType.ComplexFloat64);
    public static readonly ElementType UInt16 = new("uint16", ScalarType.Int16, 2, ScalarType.Int32);
    public static readonly ElementType UInt32 = new("uint32", ScalarType.Int32, 4, ScalarType.Int64);
    public static readonly ElementType UInt64 = new("uint64", ScalarType.Int64, 8, ScalarType.Int64);

    /// <summary>True when the stored values are reinterpreted as unsigned and widened (or range-checked).</summary>
    public bool IsWidened => Name is "uint16" or "uint32" or "uint64";

    /// <summary>Bytes swapped as one unit when converting byte order (a complex number swaps each half).</summary>
    public int SwapUnit => Storage is ScalarType.ComplexFloat32 or ScalarType.ComplexFloat64 ? Size / 2 : Size;

    public static ElementType? FromScalarType(ScalarType type) => type switch
    {
        ScalarType.Float32 => Float32,
        ScalarType.Float64 => Float64,
        ScalarType.Float16 => Float16,
        ScalarType.BFloat16 => BFloat16,
        ScalarType.Byte => UInt8,
        ScalarType.Int8 => Int8,
        ScalarType.Int16 => Int16,
        ScalarType.Int32 => Int32,
        ScalarType.Int64 => Int64,
        ScalarType.Bool => Bool,
        ScalarType.ComplexFloat32 => Complex64,
        ScalarType.ComplexFloat64 => Complex128,
        _ => null,
    };

    /// <summary>PyTorch's storage class names (<c>torch.FloatStorage</c>, ...) and their element types.</summary>
    public static IReadOnlyDictionary<string, ElementType> StorageClasses { get; } = new Dictionary<string, ElementType>
    {
        ["FloatStorage"] = Float32,
        ["DoubleStorage"] = Float64,
        ["HalfStorage"] = Float16,
        ["BFloat16Storage"] = BFloat16,
        ["ByteStorage"] = UInt8,
        ["CharStorage"] = Int8,
        ["ShortStorage"] = Int16,
        ["IntStorage"] = Int32,
        ["LongStorage"] = Int64,
        ["BoolStorage"] = Bool,
        ["ComplexFloatStorage"] = Complex64,
        ["ComplexDoubleStorage"] = Complex128,
        ["UntypedStorage"] = UInt8,
        ["ByteStorageUntyped"] = UInt8,
    };

    /// <summary>PyTorch's dtype attribute names (<c>torch.float32</c> is pickled as <c>torch float32</c>) and their
    /// element types.</summary>
    public static IReadOnlyDictionary<string, ElementType> TorchDtypes { get; } = new Dictionary<string, ElementType>
    {
        ["float32"] = Float32, ["float"] = Float32,
        ["float64"] = Float64, ["double"] = Float64,
        ["float16"] = Float16, ["half"] = Float16,
        ["bfloat16"] = BFloat16,
        ["uint8"] = UInt8,
        ["int8"] = Int8,
        ["int16"] = Int16, ["short"] = Int16,
        ["int32"] = Int32, ["int"] = Int32,
        ["int64"] = Int64, ["long"] = Int64,
        ["bool"] = Bool,
        ["complex64"] = Complex64, ["cfloat"] = Complex64,
        ["complex128"] = Complex128, ["cdouble"] = Complex128,
        ["uint16"] = UInt16,
        ["uint32"] = UInt32,
        ["uint64"] = UInt64,
    };

    public override string ToString() => Name;
}
