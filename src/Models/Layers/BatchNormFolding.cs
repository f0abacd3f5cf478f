namespace ModelZoo.Models.Layers;

/// <summary>
/// Folds an eval-mode batch norm into the convolution before it: <c>bn(conv(x)) = conv'(x)</c> with
/// <c>s = γ / √(running_var + ε)</c>, <c>W' = W · s</c> (per output channel) and <c>b' = (b − running_mean) · s + β</c>
/// (b = 0 for a bias-free convolution, γ = 1 and β = 0 for a non-affine norm). Computed in float64 and rounded once to
/// the weight's dtype. Only valid for inference: training-mode batch norm uses the batch's statistics.
/// </summary>
public static class BatchNormFolding
{
    /// <summary>The folded weight and bias (new tensors, on the weight's device and dtype) for a convolution or linear
    /// weight whose first dimension is the output channel.</summary>
    /// <param name="weight">[O, ...] weight of the layer before the norm.</param>
    /// <param name="bias">[O] bias of that layer, or null when it has none.</param>
    /// <param name="runningMean">[O] running mean of the norm.</param>
    /// <param name="runningVar">[O] running variance of the norm.</param>
    /// <param name="gamma">[O] norm weight γ, or null (non-affine: 1).</param>
    /// <param name="beta">[O] norm bias β, or null (non-affine: 0).</param>
    /// <param name="eps">The norm's ε.</param>
    public static (Tensor Weight, Tensor Bias) Fold(Tensor weight, Tensor? bias, Tensor runningMean, Tensor runningVar,
        Tensor? gamma, Tensor? beta, double eps)
    {
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(runningMean);
        ArgumentNullException.ThrowIfNull(runningVar);
        long channels = weight.shape[0];
        foreach ((string name, Tensor? t) in new[] { ("bias", bias), ("running mean", runningMean), ("running var", runningVar), ("gamma", gamma), ("beta", beta) })
            if (t is not null && (t.dim() != 1 || t.shape[0] != channels))
                throw new ArgumentException($"Batch-norm folding needs a [{channels}] {name} for a weight of shape [{string.Join(", ", weight.shape)}]; got [{string.Join(", ", t.shape)}].");
        if (!(eps >= 0)) throw new ArgumentOutOfRangeException(nameof(eps), eps, "eps must be >= 0.");

        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        Tensor F64(Tensor t) => t.detach().to(ScalarType.Float64);
        Tensor scale = F64(runningVar).add(eps).rsqrt();
        if (gamma is not null) scale = scale.mul(F64(gamma));
        long[] perChannel = new long[weight.dim()];
        Array.Fill(perChannel, 1L);
        perChannel[0] = channels;
        Tensor w = F64(weight).mul(scale.reshape(perChannel)).to(weight.dtype);
        Tensor b = (bias is null ? torch.zeros(channels, ScalarType.Float64, weight.device) : F64(bias)).sub(F64(runningMean)).mul(scale);
        if (beta is not null) b = b.add(F64(beta));
        return (w.contiguous().MoveToOuterDisposeScope(), b.to(weight.dtype).MoveToOuterDisposeScope());
    }

    /// <summary>Overwrites <paramref name="conv"/>'s weight and bias with the folded ones in place (adding a bias when it had none),
    /// so the convolution alone computes <c>bn(conv(x))</c> of eval mode; <paramref name="norm"/> is left unchanged and
    /// must then be removed from the forward by the caller. Throws when the norm keeps no running statistics or the
    /// channel counts differ.</summary>
    public static void FoldInto(Conv2d conv, BatchNorm2d norm)
    {
        ArgumentNullException.ThrowIfNull(conv);
        ArgumentNullException.ThrowIfNull(norm);
        if (norm.running_mean is null || norm.running_var is null)
            throw new ArgumentException("Cannot fold a BatchNorm2d without running statistics (track_running_stats=false): it normalises with each batch's own statistics.", nameof(norm));
        Tensor weight = conv.weight ?? throw new ArgumentException("The convolution has no weight.", nameof(conv));
        if (conv.out_channels != norm.num_features)
            throw new ArgumentException($"Cannot fold a BatchNorm2d over {norm.num_features} channels into a convolution with {conv.out_channels} outputs.", nameof(norm));
        (Tensor w, Tensor b) = Fold(weight, conv.bias, norm.running_mean, norm.running_var, norm.weight, norm.bias, norm.eps);
        using (w)
        using (torch.no_grad())
        {
            weight.copy_(w);   // in place: the same Parameter (and its memory layout) stays registered
            if (conv.bias is { } existing)
            {
                existing.copy_(b);
                b.Dispose();
            }
            else
            {
                conv.bias = new Parameter(b, requires_grad: weight.requires_grad);
            }
        }
    }
}
