
namespace ModelZoo.Training.Metrics;

/// <summary>
/// A metric accumulated over batches (torchmetrics' update/compute/reset). <see cref="Update"/> folds one batch into
/// device tensors without reading anything back, so it never synchronises a GPU; <see cref="Compute"/> reads the
/// accumulated values once. Targets are class indices [N] or soft targets [N, classes] (compared through their argmax).
/// </summary>
public interface IMetric
{
    /// <summary>Adds a batch of logits [N, classes] and its targets.</summary>
    void Update(Tensor logits, Tensor targets);

    /// <summary>The metric's values by name (e.g. top5_accuracy), over every batch since the last <see cref="Reset"/>.</summary>
    IReadOnlyDictionary<string, double> Compute();

    void Reset();
}
