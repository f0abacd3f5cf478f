namespace ModelZoo.Training.Callbacks;

/// <summary>
/// A callback holding the weights to use for inference instead of the raw training weights (averaged weights, e.g.
/// <see cref="ExponentialMovingAverage"/>). Its tensors are named by the model's state-dict keys; a training checkpoint
/// records its <see cref="ITensorStateCallback.TensorKey"/> so <see cref="Checkpoints.Checkpoint.Load"/> returns those
/// weights (what evaluation measured), while resuming still restores the raw ones.
/// </summary>
public interface IInferenceWeights : ITensorStateCallback
{
    /// <summary>Puts the inference weights into <paramref name="model"/> until the result is disposed.</summary>
    IDisposable SwapIn(ImageClassifier model);
}
