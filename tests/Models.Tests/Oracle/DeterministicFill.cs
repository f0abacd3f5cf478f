using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.Oracle;

/// <summary>
/// Fills every state_dict entry (parameters and buffers) with the deterministic formula of
/// tests/fixtures/models/make_resnet_googlenet_fixtures.py, so a model here and the same torchvision model there
/// hold identical weights without any file exchange. Integer hashing makes the values bit-identical in both languages.
/// </summary>
internal static class DeterministicFill
{
    /// <summary>u(n, s)[i] = fmix32((i·0x9E3779B1 + s·0x85EBCA77) mod 2³²) / 2³¹ − 1, in [−1, 1).</summary>
    public static double[] Uniform(long n, uint stream)
    {
        var values = new double[n];
        uint offset = unchecked(stream * 0x85EBCA77u);
        for (long i = 0; i < n; i++)
        {
            uint h = unchecked((uint)i * 0x9E3779B1u + offset);
            h ^= h >> 16;
            h = unchecked(h * 0x85EBCA6Bu);
            h ^= h >> 13;
            h = unchecked(h * 0xC2B2AE35u);
            h ^= h >> 16;
            values[i] = h / 2147483648.0 - 1.0;
        }
        return values;
    }

    /// <summary>Overwrites the model's state (float32) entry by entry in state_dict order.</summary>
    public static void Fill(nn.Module model, double gain)
    {
        using var noGrad = torch.no_grad();
        int k = 0;
        foreach ((string name, Tensor t) in model.state_dict())
        {
            uint stream = (uint)(k + 1);
            k++;
            if (name.EndsWith("num_batches_tracked", StringComparison.Ordinal)) continue;
            double[] u = Uniform(t.numel(), stream);
            Func<double, double> map =
                name.EndsWith("running_var", StringComparison.Ordinal) ? v => 1 + 0.5 * Math.Abs(v)
                : name.EndsWith("running_mean", StringComparison.Ordinal) ? v => 0.1 * v
                : t.dim() > 1 ? Scale(gain * Math.Sqrt(3.0 / (t.numel() / t.shape[0])))
                : name.EndsWith("weight", StringComparison.Ordinal) ? v => 1 + 0.2 * v
                : v => 0.1 * v;
            float[] values = u.Select(v => (float)map(v)).ToArray();
            using Tensor source = torch.tensor(values, t.shape, dtype: ScalarType.Float32);
            t.copy_(source);
        }
    }

    /// <summary>The fixture input: u(numel, 0) reshaped.</summary>
    public static Tensor Input(params long[] shape)
    {
        long n = shape.Aggregate(1L, (a, b) => a * b);
        float[] values = Uniform(n, 0).Select(v => (float)v).ToArray();
        return torch.tensor(values, shape, dtype: ScalarType.Float32);
    }

    private static Func<double, double> Scale(double factor) => v => v * factor;
}
