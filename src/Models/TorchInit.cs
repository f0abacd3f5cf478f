namespace ModelZoo.Models;

/// <summary>Weight initialisers that must match PyTorch's exactly (same algorithm, same random draws).</summary>
public static class TorchInit
{
    /// <summary>
    /// PyTorch's <c>nn.init.trunc_normal_</c>: a normal(mean, std) truncated to [a, b], drawn by inverse-CDF sampling
    /// (uniform in [2Φ(α) − 1, 2Φ(β) − 1] → erfinv → ·std·√2 + mean → clamp), so a seeded draw equals PyTorch's.
    /// TorchSharp 0.107's own <c>trunc_normal_</c> fills the tensor with the constant <paramref name="std"/> instead.
    /// </summary>
    public static Tensor TruncNormal_(Tensor tensor, double mean = 0, double std = 1, double a = -2, double b = 2)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (!(std > 0)) throw new ArgumentOutOfRangeException(nameof(std), std, "std must be > 0.");
        if (!(a < b)) throw new ArgumentException($"The truncation interval [a, b] must be non-empty; got a={a}, b={b}.", nameof(a));
        double low = NormalCdf((a - mean) / std);
        double high = NormalCdf((b - mean) / std);
        using var noGrad = torch.no_grad();
        tensor.uniform_(2 * low - 1, 2 * high - 1);
        tensor.erfinv_();
        tensor.mul_(std * Math.Sqrt(2.0));
        tensor.add_(mean);
        tensor.clamp_(a, b);
        return tensor;
    }

    private static double NormalCdf(double x)
    {
        using Tensor t = torch.tensor(x / Math.Sqrt(2.0), dtype: ScalarType.Float64);
        using Tensor erf = torch.special.erf(t);
        return (1.0 + erf.item<double>()) / 2.0;
    }
}
