using static TorchSharp.torch;

namespace ModelZoo.Data.Transforms;

/// <summary>
/// Converts a tensor's dtype (torchvision v2 ToDtype). With <see cref="Scale"/>, values are rescaled between the
/// integer range [0, max] and the float range [0, 1] as torchvision's convert_image_dtype: int → float divides by the
/// input's max; float → int multiplies by (max + 1 − 0.001) and truncates; int → int shifts by the bit difference.
/// </summary>
public sealed class ToDtype : Transform<Tensor, Tensor>
{
    public ToDtype(ScalarType dtype, bool scale = false)
    {
        if (!IsSupported(dtype)) throw new ArgumentException($"ToDtype supports uint8, int8/16/32/64 and float16/bfloat16/32/64; got {dtype}.", nameof(dtype));
        Dtype = dtype;
        Scale = scale;
    }

    public ScalarType Dtype { get; }
    public bool Scale { get; }

    public override Tensor Apply(Tensor input, Random random) => Convert(input, Dtype, Scale);

    /// <summary>Stateless kernel.</summary>
    public static Tensor Convert(Tensor input, ScalarType dtype, bool scale)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!IsSupported(input.dtype)) throw new ArgumentException($"ToDtype cannot convert a {input.dtype} tensor.", nameof(input));
        if (!scale || input.dtype == dtype) return input.to_type(dtype);
        bool fromFloat = input.is_floating_point(), toFloat = IsFloat(dtype);
        if (fromFloat && toFloat) return input.to_type(dtype);
        if (!fromFloat && toFloat)
        {
            using Tensor f = input.to_type(dtype);
            return f.div(MaxValue(input.dtype));
        }
        if (fromFloat)
        {
            using Tensor scaled = input.mul(MaxValue(dtype) + 1.0 - 1e-3);
            return scaled.to_type(dtype);
        }
        int shift = Bits(input.dtype) - Bits(dtype);
        if (shift > 0)
        {
            using Tensor down = input.bitwise_right_shift(shift);
            return down.to_type(dtype);
        }
        using Tensor wide = input.to_type(dtype);
        return wide.bitwise_left_shift(-shift);
    }

    private static bool IsFloat(ScalarType t) => t is ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Float32 or ScalarType.Float64;

    private static bool IsSupported(ScalarType t) => IsFloat(t) || t is ScalarType.Byte or ScalarType.Int8 or ScalarType.Int16 or ScalarType.Int32 or ScalarType.Int64;

    /// <summary>Value bits of an integer type (uint8 8, int8 7, int16 15, int32 31, int64 63).</summary>
    private static int Bits(ScalarType t) => t switch
    {
        ScalarType.Byte => 8,
        ScalarType.Int8 => 7,
        ScalarType.Int16 => 15,
        ScalarType.Int32 => 31,
        _ => 63,
    };

    private static double MaxValue(ScalarType t) => Math.Pow(2, Bits(t)) - 1;

    public override string ToString() => $"ToDtype({Dtype}, scale={Scale})";
}
