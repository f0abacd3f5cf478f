using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModelZoo.Training.Precision;

/// <summary>
/// float16 mixed precision ("fp16-mixed"): forward and backward in float16 on copies of the float32 master weights
/// (see <see cref="MixedPrecisionStrategy"/>) with dynamic loss scaling (<see cref="DynamicLossScaler"/>): the loss
/// is scaled before backward; before the optimizer step the float32 master gradients are unscaled and checked, and a
/// step with any inf/NaN gradient is skipped (parameters and optimizer state untouched) while the scale backs off.
/// A gradient-clipping hook must call <see cref="UnscaleGradients"/> first; <see cref="Step"/> then does not unscale
/// again. On a device whose libtorch lacks float16 convolution/matmul kernels, <see cref="Attach"/> throws
/// <see cref="NotSupportedException"/> (use bf16-mixed there).
/// </summary>
public sealed class Fp16MixedPrecision : MixedPrecisionStrategy
{
    private bool? _unscaledFinite;

    public Fp16MixedPrecision(DynamicLossScalerOptions? scaler = null) : base(ScalarType.Float16)
    {
        Scaler = new DynamicLossScaler(scaler);
    }

    public override string Name => "fp16-mixed";

    /// <summary>The loss scaler; its <see cref="DynamicLossScaler.State"/> belongs in a checkpoint.</summary>
    public DynamicLossScaler Scaler { get; }

    /// <summary>Optimizer steps skipped because of non-finite gradients.</summary>
    public int SkippedSteps { get; private set; }

    /// <summary>Steps skipped in a row up to now (0 after an applied step).</summary>
    public int ConsecutiveSkippedSteps { get; private set; }

    /// <summary>The scaler decides: a non-finite loss is a skipped step and a smaller scale.</summary>
    public override bool SkipsNonFiniteSteps => true;

    /// <summary>The loss scaler's <see cref="LossScalerState"/> as JSON.</summary>
    public override JsonNode? SaveState() => JsonSerializer.SerializeToNode(Scaler.State);

    public override void LoadState(JsonNode? state)
    {
        if (state?.Deserialize<LossScalerState>() is { } scaler) Scaler.Load(scaler);
    }

    public override void Backward(Tensor loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        _unscaledFinite = null;
        using Tensor scaled = Scaler.ScaleLoss(loss);
        scaled.backward();
    }

    /// <summary>Divides the gradients of <paramref name="optimizer"/>'s parameters by the scale (once per step) and
    /// reports whether they are all finite. Call before clipping gradients.</summary>
    public override bool UnscaleGradients(optim.Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        _unscaledFinite ??= Scaler.UnscaleAndCheck(optimizer.parameters());
        return _unscaledFinite.Value;
    }

    public override bool Step(optim.Optimizer optimizer)
    {
        bool finite = UnscaleGradients(optimizer);
        if (finite) optimizer.step();
        else SkippedSteps++;
        ConsecutiveSkippedSteps = finite ? 0 : ConsecutiveSkippedSteps + 1;
        Scaler.Update(foundInf: !finite);
        _unscaledFinite = null;
        return finite;
    }

    protected override void CheckDevice(Device device)
    {
        try
        {
            using var scope = torch.NewDisposeScope();
            Tensor w = torch.ones(2, 1, 3, 3, device: device, requires_grad: true);
            Tensor x = torch.ones(1, 1, 4, 4, device: device).to_type(ScalarType.Float16);
            Tensor y = nn.functional.conv2d(x, w.to_type(ScalarType.Float16)).flatten(1);
            Tensor z = nn.functional.linear(y, torch.ones(3, 8, device: device).to_type(ScalarType.Float16));
            z.to_type(ScalarType.Float32).sum().backward();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new NotSupportedException(
                $"fp16-mixed needs float16 convolution and matrix kernels, which libtorch does not provide on device '{device}' here ({ex.Message.Split('\n')[0]}). Use --precision bf16-mixed (or fp32) on this device.", ex);
        }
    }
}
