namespace ModelZoo.Models.Inference;

/// <summary>The names of <see cref="InferencePrecision"/> used by the command line and benchmarks: fp32, bf16, fp16.</summary>
public static class InferencePrecisionNames
{
    public static IReadOnlyList<string> Names { get; } = new[] { "fp32", "bf16", "fp16" };

    public static InferencePrecision Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            "fp32" or "float32" => InferencePrecision.Fp32,
            "bf16" or "bfloat16" => InferencePrecision.Bf16,
            "fp16" or "float16" or "half" => InferencePrecision.Fp16,
            _ => throw new ArgumentException($"Unknown inference precision '{name}'. Expected one of: {string.Join(", ", Names)}.", nameof(name)),
        };
    }

    public static string ToName(InferencePrecision precision) => precision switch
    {
        InferencePrecision.Fp32 => "fp32",
        InferencePrecision.Bf16 => "bf16",
        InferencePrecision.Fp16 => "fp16",
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "Unknown precision."),
    };
}
