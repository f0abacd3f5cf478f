
namespace ModelZoo.Training.Callbacks;

/// <summary>
/// Clips gradients before every optimizer step, after the precision strategy unscaled them (fp16), with PyTorch's
/// semantics: by norm, every gradient is multiplied by min(1, max / (total L2 norm + 1e-6)); by value, clamped to
/// [-max, max]. Computed with device ops only (no host read). The trainer adds one for
/// <see cref="TrainerOptions.GradientClipNorm"/> / <see cref="TrainerOptions.GradientClipValue"/>.
/// </summary>
public sealed class GradientClipping : ITrainerCallback
{
    public GradientClipping(double max, GradientClipMode mode = GradientClipMode.Norm)
    {
        if (!(max > 0) || !double.IsFinite(max)) throw new ArgumentOutOfRangeException(nameof(max), max, "The clipping limit must be a finite number > 0.");
        if (!Enum.IsDefined(mode)) throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown clipping mode.");
        Max = max;
        Mode = mode;
    }

    public double Max { get; }
    public GradientClipMode Mode { get; }
    public int Order => -150;

    public void OnBeforeOptimizerStep(TrainerContext context) => Clip(context.Optimizer.parameters(), Max, Mode);

    /// <summary>Clips the gradients of <paramref name="parameters"/> in place.</summary>
    public static void Clip(IEnumerable<TorchSharp.Modules.Parameter> parameters, double max, GradientClipMode mode)
    {
        Tensor[] grads = parameters.Select(p => p.grad).Where(g => g is not null).ToArray()!;
        if (grads.Length == 0) return;
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        if (mode == GradientClipMode.Value)
        {
            foreach (Tensor g in grads) g.clamp_(-max, max);
            return;
        }
        Tensor total = torch.stack(grads.Select(g => g.to_type(ScalarType.Float32).square().sum()).ToArray()).sum().sqrt();
        Tensor coefficient = (max / (total + 1e-6)).clamp_max(1.0);
        foreach (Tensor g in grads) g.mul_(coefficient.to_type(g.dtype));
    }
}
