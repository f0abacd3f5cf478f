namespace ModelZoo.Training.Precision;

/// <summary>Creates a precision strategy by name: fp32, bf16-mixed, fp16-mixed.</summary>
public static class Precisions
{
    /// <summary>The accepted names, in the order the CLI lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = new[] { "fp32", "bf16-mixed", "fp16-mixed" };

    public static IPrecisionStrategy Create(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            "fp32" => new Fp32Precision(),
            "bf16-mixed" => new Bf16MixedPrecision(),
            "fp16-mixed" => new Fp16MixedPrecision(),
            _ => throw new ArgumentException($"Unknown precision '{name}'. Expected one of: {string.Join(", ", Names)}.", nameof(name)),
        };
    }
}
