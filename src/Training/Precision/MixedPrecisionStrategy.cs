using System.Text.Json.Nodes;

namespace ModelZoo.Training.Precision;

/// <summary>
/// Shared part of the mixed-precision strategies. TorchSharp has no autocast, so the strategy does what autocast
/// does for a CNN, per module instead of per op: the model keeps float32 master weights (they are what the
/// optimizer steps, what checkpoints save and what evaluation uses); inside <see cref="ForwardContext"/> every
/// convolution/linear/custom layer runs on a reduced-precision copy of its weights (a differentiable cast, so
/// gradients arrive in float32 on the masters) and its input is cast to the same dtype; normalisation layers keep
/// float32 parameters and running statistics. The trainer computes the loss in float32. Evaluation outside the
/// context runs in float32.
/// </summary>
public abstract class MixedPrecisionStrategy : IPrecisionStrategy
{
    private ShadowWeights? _shadow;

    protected MixedPrecisionStrategy(ScalarType dtype) { Dtype = dtype; }

    public abstract string Name { get; }

    /// <summary>The dtype the forward and backward run in.</summary>
    public ScalarType Dtype { get; }

    /// <summary>Parameters that run in <see cref="Dtype"/> (0 before <see cref="Attach"/>).</summary>
    public int ReducedPrecisionParameters => _shadow?.ShadowedCount ?? 0;

    public IDisposable Attach(ImageClassifier model, Device device)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(device);
        if (_shadow != null) throw new InvalidOperationException($"{Name} is already attached to a model; dispose that binding first.");
        CheckDevice(device);
        _shadow = new ShadowWeights(model, Dtype);
        return new Binding(this);
    }

    public IDisposable ForwardContext() =>
        (_shadow ?? throw new InvalidOperationException($"{Name}: call Attach(model, device) before the forward (Trainer.Fit does).")).Enter();

    public abstract void Backward(Tensor loss);

    public abstract bool Step(optim.Optimizer optimizer);

    public virtual bool UnscaleGradients(optim.Optimizer optimizer) => true;

    public virtual bool SkipsNonFiniteSteps => false;

    public virtual JsonNode? SaveState() => null;

    public virtual void LoadState(JsonNode? state) { }

    /// <summary>Throws <see cref="NotSupportedException"/> when <see cref="Dtype"/> cannot train on <paramref name="device"/>.</summary>
    protected virtual void CheckDevice(Device device) { }

    private sealed class Binding : IDisposable
    {
        private MixedPrecisionStrategy? _owner;
        public Binding(MixedPrecisionStrategy owner) { _owner = owner; }
        public void Dispose()
        {
            _owner?._shadow?.Dispose();
            if (_owner != null) _owner._shadow = null;
            _owner = null;
        }
    }
}
