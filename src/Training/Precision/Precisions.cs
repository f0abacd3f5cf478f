using ModelZoo.Core;

namespace ModelZoo.Training.Precision;

/// <summary>Creates a precision strategy by name: fp32, bf16-mixed, fp16-mixed.</summary>
public static class Precisions
{
    private static readonly NameTable<Func<IPrecisionStrategy>> s_table = new NameTable<Func<IPrecisionStrategy>>("precision")
        .Add("fp32", () => new Fp32Precision())
        .Add("bf16-mixed", () => new Bf16MixedPrecision())
        .Add("fp16-mixed", () => new Fp16MixedPrecision());

    /// <summary>The accepted names, in the order the CLI lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = s_table.Names;

    public static IPrecisionStrategy Create(string name) => s_table.Parse(name)();
}
