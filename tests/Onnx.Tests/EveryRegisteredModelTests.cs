using ModelZoo.Models;
using Xunit.Abstractions;

namespace ModelZoo.Onnx.Tests;

/// <summary>Every registered name at full width (the real classifier sizes), exported with a dynamic batch and compared with
/// ONNX Runtime at batch 1 and 3: max |diff| ≤ 1e-4 (outputs of order one), or, for the 100+-layer ResNets where float32
/// rounding alone exceeds that, no more than twice float32's own error (TorchSharp float32 vs float64). Minutes on 2 cores, so it is in the slow category (MODELZOO_SLOW_TESTS=1); the figures
/// it prints are the report's per-model table.</summary>
[Collection(nameof(GlobalRngCollection))]
public sealed class EveryRegisteredModelTests(ITestOutputHelper output)
{
    [SlowFact]
    public void EveryRegisteredModelMatchesOnnxRuntime()
    {
        // MODELZOO_SLOW_MODELS=a,b limits the run to some names.
        string[]? only = Environment.GetEnvironmentVariable("MODELZOO_SLOW_MODELS")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var failures = new List<string>();
        foreach (ModelEntry entry in Zoo.Entries.Where(e => only is null || only.Contains(e.Name)))
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            using ImageClassifier model = entry.Build(new ModelOptions { NumClasses = 10, Seed = 1 });
            // 128 for the residual families: at 64 their last stage is 2x2, so batch-norm calibration sees few values per channel,
            // some variances come out near zero and float rounding is amplified over 30-50 blocks.
            int size = model.FixedInputSize?.Height ?? (entry.Family == "ResNet" ? 128 : 64);
            double diff = ExportCheck.MaxDiff(model, size, null, out double scale);
            double tolerance = 1e-4 * Math.Max(1, scale);
            // Past 1e-4, compare with float32's own rounding: TorchSharp's float32 forward against its float64 forward.
            double noise = diff <= tolerance ? double.NaN : ExportCheck.Float32Noise(model, size);
            output.WriteLine($"{entry.Name,-18} input {size,3}  max|diff| {diff:E2}  max|output| {scale:F2}"
                + (double.IsNaN(noise) ? "" : $"  float32 noise |f32-f64| {noise:E2}") + $"  ({clock.Elapsed.TotalSeconds:F0} s)");
            if (!(diff <= tolerance || diff <= 2 * noise)) failures.Add($"{entry.Name}: {diff:G3} (output up to {scale:G3}, float32 noise {noise:G3})");
        }
        Assert.True(failures.Count == 0, string.Join("; ", failures));
    }
}
