using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.Support;

/// <summary>
/// The deterministic weights and inputs of tests/fixtures/models/forward/make_classic_forward.py, rebuilt in C#:
/// u(k, i) = (splitmix64(k · 2³² + i) &gt;&gt; 11) · 2⁻⁵³ and t = 2u − 1, with k the entry's index in torchvision's
/// state_dict order and i the element's row-major index. See the script for the per-entry rules.
/// </summary>
internal static class FormulaWeights
{
    public const long InputStream = 1_000_000;

    public static double Uniform(long k, long i)
    {
        ulong z = unchecked(((ulong)k << 32) + (ulong)i + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>Sets every state_dict entry of <paramref name="model"/> by the formula; k comes from torchvision's
    /// key order, so the C# model's own order does not matter.</summary>
    public static void Fill(nn.Module model, TorchvisionKeyList torchvision)
    {
        Dictionary<string, Tensor> state = model.state_dict();
        Assert.Equal(torchvision.Entries.Count, state.Count);
        using var noGrad = torch.no_grad();
        foreach ((string key, Tensor target) in state)
        {
            int k = torchvision.IndexOf(key);
            if (key.EndsWith("num_batches_tracked", StringComparison.Ordinal))
            {
                target.zero_();
                continue;
            }
            float[] values = Values(key, k, target.shape);
            using Tensor source = torch.tensor(values, target.shape, ScalarType.Float32);
            target.copy_(source);
        }
    }

    /// <summary>The input of the fixture: t(k = InputStream, i) in row-major order.</summary>
    public static Tensor Input(long[] shape)
    {
        long n = shape.Aggregate(1L, (a, b) => a * b);
        var values = new float[n];
        for (long i = 0; i < n; i++) values[i] = (float)(2.0 * Uniform(InputStream, i) - 1.0);
        return torch.tensor(values, shape, ScalarType.Float32);
    }

    private enum Rule { RunningVar, RunningMean, Bias, Scale, Weight }

    private static float[] Values(string key, int k, long[] shape)
    {
        long n = shape.Aggregate(1L, (a, b) => a * b);
        Rule rule =
            key.EndsWith("running_var", StringComparison.Ordinal) ? Rule.RunningVar :
            key.EndsWith("running_mean", StringComparison.Ordinal) ? Rule.RunningMean :
            key.EndsWith("bias", StringComparison.Ordinal) ? Rule.Bias :
            key.EndsWith("weight", StringComparison.Ordinal) && shape.Length == 1 ? Rule.Scale :
            key.EndsWith("weight", StringComparison.Ordinal) ? Rule.Weight :
            throw new InvalidOperationException($"No formula for {key}.");
        double scale = rule == Rule.Weight ? Math.Sqrt(3.0 / (n / shape[0])) : 0;
        var v = new float[n];
        for (long i = 0; i < n; i++)
        {
            double u = Uniform(k, i);
            double t = 2.0 * u - 1.0;
            v[i] = (float)(rule switch
            {
                Rule.RunningVar => 0.5 + 0.5 * u,
                Rule.RunningMean => 0.1 * t,
                Rule.Bias => 0.05 * t,
                Rule.Scale => 1.0 + 0.1 * t,
                _ => t * scale,
            });
        }
        return v;
    }
}
