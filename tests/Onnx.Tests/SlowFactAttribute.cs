namespace ModelZoo.Onnx.Tests;

/// <summary>A test that takes minutes (every registered model at full width): skipped unless MODELZOO_SLOW_TESTS=1,
/// so `dotnet test` stays fast; run it explicitly for the figures in the report.</summary>
public sealed class SlowFactAttribute : FactAttribute
{
    public const string Variable = "MODELZOO_SLOW_TESTS";

    public SlowFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1") Skip = $"Slow: set {Variable}=1 to run.";
    }
}
