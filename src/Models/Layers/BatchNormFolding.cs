using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelZoo.Models.Layers;

/// <summary>
/// Folds an inference-mode batch norm into the convolution before it: with s = γ / √(σ² + ε),
/// W' = W · s (per output channel) and b' = (b − μ) · s + β, so conv'(x) = bn(conv(x)) in eval mode.
/// One implementation for every consumer (ONNX export's <c>FoldBatchNorm</c>, inference fast paths).
/// </summary>
public static class BatchNormFolding
{
    /// <summary>The folded weight [out, in/groups, kh, kw] and bias [out] (new tensors, float64 math, returned in the
    /// weight's dtype). <paramref name="bias"/> null means a convolution without bias; null γ/β mean a non-affine norm.</summary>
    public static (Tensor Weight, Tensor Bias) Fold(Tensor weight, Tensor? bias, Tensor? gamma, Tensor? beta,
        Tensor runningMean, Tensor runningVar, double eps)
    {
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(runningMean);
        ArgumentNullException.ThrowIfNull(runningVar);
        long channels = weight.shape[0];
        if (runningMean.numel() != channels || runningVar.numel() != channels
            || gamma is not null && gamma.numel() != channels || beta is not null && beta.numel() != channels
            || bias is not null && bias.numel() != channels)
            throw new ArgumentException($"Batch norm statistics must have one value per output channel ({channels}).", nameof(runningMean));
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        Tensor mean = runningMean.to(ScalarType.Float64);
        Tensor scale = (runningVar.to(ScalarType.Float64) + eps).rsqrt();
        if (gamma is not null) scale = scale * gamma.to(ScalarType.Float64);
        Tensor b = bias is null ? torch.zeros_like(mean) : bias.to(ScalarType.Float64);
        Tensor shift = beta is null ? torch.zeros_like(mean) : beta.to(ScalarType.Float64);
        var view = new long[weight.dim()];
        Array.Fill(view, 1L);
        view[0] = channels;
        Tensor w = weight.to(ScalarType.Float64) * scale.view(view);
        Tensor folded = (b - mean) * scale + shift;
        return (w.to(weight.dtype).MoveToOuterDisposeScope(), folded.to(weight.dtype).MoveToOuterDisposeScope());
    }

    /// <summary>Folds <paramref name="norm"/> into <paramref name="conv"/> (neither module is changed).</summary>
    public static (Tensor Weight, Tensor Bias) Fold(Conv2d conv, BatchNorm2d norm)
    {
        ArgumentNullException.ThrowIfNull(conv);
        ArgumentNullException.ThrowIfNull(norm);
        if (norm.running_mean is null || norm.running_var is null)
            throw new ArgumentException("The batch norm tracks no running statistics, so it cannot be folded.", nameof(norm));
        return Fold(conv.weight!, conv.bias, norm.weight, norm.bias, norm.running_mean, norm.running_var, norm.eps);
    }
}
