using TorchSharp.Modules;

namespace ModelZoo.Training.Precision;

/// <summary>
/// Dynamic loss scaling with the semantics of PyTorch's <c>GradScaler</c>: the loss is multiplied by
/// <see cref="Scale"/> before backward so small fp16 gradients do not flush to zero; before the optimizer step the
/// gradients are divided by the scale and checked; a step with any inf/NaN gradient is skipped and the scale backs
/// off (×0.5), and after <see cref="DynamicLossScalerOptions.GrowthInterval"/> consecutive finite steps it grows (×2).
/// </summary>
/// <remarks>The scale lives on the host (a double), so the finiteness check costs one device synchronisation per
/// step; <c>GradScaler</c> keeps it on the device instead. Powers of two keep scaling and unscaling exact.</remarks>
public sealed class DynamicLossScaler
{
    private readonly DynamicLossScalerOptions _options;

    public DynamicLossScaler(DynamicLossScalerOptions? options = null)
    {
        _options = options ?? new DynamicLossScalerOptions();
        _options.Validate();
        Scale = _options.InitScale;
    }

    public DynamicLossScalerOptions Options => _options;

    /// <summary>The factor the loss is multiplied by.</summary>
    public double Scale { get; private set; }

    /// <summary>Consecutive finite steps since the scale last changed.</summary>
    public int GrowthTracker { get; private set; }

    /// <summary>The state to store in a checkpoint.</summary>
    public LossScalerState State => new(Scale, GrowthTracker);

    /// <summary>Restores a state saved with <see cref="State"/>.</summary>
    public void Load(LossScalerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!(state.Scale > 0) || double.IsInfinity(state.Scale))
            throw new ArgumentOutOfRangeException(nameof(state), state.Scale, "LossScalerState.Scale must be a finite number > 0.");
        if (state.GrowthTracker < 0)
            throw new ArgumentOutOfRangeException(nameof(state), state.GrowthTracker, "LossScalerState.GrowthTracker must be >= 0.");
        Scale = state.Scale;
        GrowthTracker = state.GrowthTracker;
    }

    /// <summary>Returns <paramref name="loss"/> × <see cref="Scale"/> (a new tensor; backward through it).</summary>
    public Tensor ScaleLoss(Tensor loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        return loss * Scale;
    }

    /// <summary>Divides every gradient of <paramref name="parameters"/> in place by <see cref="Scale"/> and reports
    /// whether all of them are finite. Parameters without a gradient are ignored.</summary>
    public bool UnscaleAndCheck(IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        using var scope = torch.NewDisposeScope();
        Tensor? allFinite = null;
        foreach (Parameter p in parameters)
        {
            Tensor? grad = p.grad;
            if (grad is null) continue;
            using (torch.no_grad()) grad.div_(Scale);
            Tensor finite = grad.isfinite().all();
            allFinite = allFinite is null ? finite : allFinite.logical_and(finite);
        }
        return allFinite is null || allFinite.item<bool>();
    }

    /// <summary>Adjusts the scale after a step: back off when <paramref name="foundInf"/>, grow after
    /// <see cref="DynamicLossScalerOptions.GrowthInterval"/> consecutive finite steps.</summary>
    public void Update(bool foundInf)
    {
        if (foundInf)
        {
            Scale *= _options.BackoffFactor;
            GrowthTracker = 0;
            return;
        }
        if (++GrowthTracker < _options.GrowthInterval) return;
        double grown = Scale * _options.GrowthFactor;
        if (!double.IsInfinity(grown) && grown <= float.MaxValue) Scale = grown;
        GrowthTracker = 0;
    }
}
