
namespace ModelZoo.Training.Callbacks;

/// <summary>
/// A callback whose state includes tensors (e.g. the averaged weights of <see cref="ExponentialMovingAverage"/>): they
/// are written to a tensor section of training checkpoints under <c>StateKey/name</c> and handed back before training
/// resumes. JSON state, if any, goes through <see cref="IStatefulCallback"/> as usual.
/// </summary>
public interface ITensorStateCallback : ITrainerCallback
{
    /// <summary>Unique prefix of this callback's tensors in the checkpoint.</summary>
    string TensorKey { get; }

    /// <summary>The tensors to save, by name; the callback keeps ownership.</summary>
    IReadOnlyList<KeyValuePair<string, Tensor>> SaveTensors();

    /// <summary>Restores tensors saved by <see cref="SaveTensors"/>; the callback takes ownership of them.</summary>
    void LoadTensors(IReadOnlyDictionary<string, Tensor> tensors);
}
