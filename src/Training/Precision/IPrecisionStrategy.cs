using ModelZoo.Models;
using static TorchSharp.torch;

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

    private sealed class NoBinding : IDisposable
    {
        public static readonly NoBinding Instance = new();
        public void Dispose() { }
    }
}
