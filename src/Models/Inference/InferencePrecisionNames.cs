namespace ModelZoo.Models.Inference;

/// <summary>The names of <see cref="InferencePrecision"/> used by the command line and benchmarks: fp32, bf16, fp16.</summary>
public static class InferencePrecisionNames
{
    private static readonly NameTable<InferencePrecision> s_table = new NameTable<InferencePrecision>("inference precision")
        .Add("fp32", InferencePrecision.Fp32, "float32")
        .Add("bf16", InferencePrecision.Bf16, "bfloat16")
        .Add("fp16", InferencePrecision.Fp16, "float16", "half");

    public static IReadOnlyList<string> Names { get; } = s_table.Names;

    public static InferencePrecision Parse(string name) => s_table.Parse(name);

    public static string ToName(InferencePrecision precision) => s_table.ToName(precision);
}
