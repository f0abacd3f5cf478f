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
    /// <summary>u(s)[i] = fmix32((i·0x9E3779B1 + s·0x85EBCA77) mod 2³²) / 2³¹ − 1, in [−1, 1).</summary>
    public static double Uniform(long i, uint stream)
    {
        uint h = unchecked((uint)i * 0x9E3779B1u + stream * 0x85EBCA77u);
        h ^= h >> 16;
        h = unchecked(h * 0x85EBCA6Bu);
        h ^= h >> 13;
        h = unchecked(h * 0xC2B2AE35u);
        h ^= h >> 16;
        return h / 2147483648.0 - 1.0;
    }

    /// <summary>Overwrites the model's state (float32) entry by entry in state_dict order: entry k uses stream k + 1;
    /// running_var 1 + 0.5|u|, running_mean 0.1u, weights of dim &gt; 1 u·gain·√(3/fan_in), other weights 1 + 0.2u,
    /// biases 0.1u; num_batches_tracked is left alone.</summary>
    public static void Fill(nn.Module model, double gain)
    {
        using var noGrad = torch.no_grad();
        int k = 0;
        foreach ((string name, Tensor t) in model.state_dict())
        {
            uint stream = (uint)(k + 1);
            k++;
            if (name.EndsWith("num_batches_tracked", StringComparison.Ordinal)) continue;
            bool runningVar = name.EndsWith("running_var", StringComparison.Ordinal);
            bool runningMean = name.EndsWith("running_mean", StringComparison.Ordinal);
            bool matrix = t.dim() > 1;
            bool weight = name.EndsWith("weight", StringComparison.Ordinal);
            double scale = matrix ? gain * Math.Sqrt(3.0 / (t.numel() / t.shape[0])) : 0;
            var values = new float[t.numel()];
            for (long i = 0; i < values.LongLength; i++)
            {
                double u = Uniform(i, stream);
                values[i] = (float)(runningVar ? 1 + 0.5 * Math.Abs(u)
                    : runningMean ? 0.1 * u
                    : matrix ? u * scale
                    : weight ? 1 + 0.2 * u
                    : 0.1 * u);
            }
            using Tensor source = torch.tensor(values, t.shape, dtype: ScalarType.Float32);
            t.copy_(source);
        }
    }

    /// <summary>The fixture input: u(0) reshaped.</summary>
    public static Tensor Input(params long[] shape)
    {
        long n = shape.Aggregate(1L, (a, b) => a * b);
        var values = new float[n];
        for (long i = 0; i < n; i++) values[i] = (float)Uniform(i, 0);
        return torch.tensor(values, shape, dtype: ScalarType.Float32);
    }
}
