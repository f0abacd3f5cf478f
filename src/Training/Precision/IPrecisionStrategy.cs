using System.Text.Json.Nodes;

namespace ModelZoo.Training.Precision;

/// <summary>
/// How a training step handles numeric precision (Lightning's precision plugin): a context around the forward,
/// the backward of the loss, and the optimizer step (with any unscaling and overflow check).
/// </summary>
public interface IPrecisionStrategy
{
    string Name { get; }

    /// <summary>Binds the strategy to the model it will train (already on <paramref name="device"/>) for one fit;
    /// disposing the result unbinds it. The default does nothing.</summary>
    IDisposable Attach(ImageClassifier model, Device device) => NoBinding.Instance;

    /// <summary>Entered around the forward and loss computation.</summary>
    IDisposable ForwardContext();

    void Backward(Tensor loss);

    /// <summary>Steps the optimizer; returns false when the step was skipped (e.g. an fp16 overflow).</summary>
    bool Step(optim.Optimizer optimizer);

    /// <summary>Brings the gradients to their true scale (once per step; fp16 divides by the loss scale) and reports
    /// whether they are all finite. The trainer calls it before <c>OnBeforeOptimizerStep</c>, so gradient clipping sees
    /// true gradients; <see cref="Step"/> then does not unscale again. The default has nothing to unscale and does not
    /// check (true).</summary>
    bool UnscaleGradients(optim.Optimizer optimizer) => true;

    /// <summary>True when the strategy itself handles non-finite losses and gradients by skipping the step (fp16's
    /// loss scaler), so a non-finite loss is not by itself a diverged run.</summary>
    bool SkipsNonFiniteSteps => false;

    /// <summary>The strategy's state for a training checkpoint (fp16: the loss scale); null when it has none.</summary>
    JsonNode? SaveState() => null;

    /// <summary>Restores a state saved by <see cref="SaveState"/> before training resumes.</summary>
    void LoadState(JsonNode? state) { }

    private sealed class NoBinding : IDisposable
    {
        public static readonly NoBinding Instance = new();
        public void Dispose() { }
    }
}
