
namespace ModelZoo.Training.Losses;

/// <summary>
/// Mean cross-entropy in float32 (PyTorch's <c>nn.CrossEntropyLoss</c>), with optional label smoothing ε: the target
/// distribution becomes (1 − ε)·target + ε/classes. Class-index targets use libtorch's kernel; soft targets
/// [N, classes] (MixUp, CutMix) give −Σ target′·log_softmax(logits), averaged over the batch.
/// </summary>
public sealed class CrossEntropyLoss : ILossFunction
{
    public CrossEntropyLoss(double labelSmoothing = 0)
    {
        if (!(labelSmoothing >= 0 && labelSmoothing < 1))
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, "Label smoothing must be in [0, 1).");
        LabelSmoothing = labelSmoothing;
    }

    public double LabelSmoothing { get; }

    public Tensor Compute(Tensor logits, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        Tensor input = logits.dtype == ScalarType.Float32 ? logits : logits.to_type(ScalarType.Float32);
        if (!targets.is_floating_point()) return nn.functional.cross_entropy(input, targets, label_smoothing: LabelSmoothing);
        if (targets.dim() != 2 || targets.shape[0] != logits.shape[0] || targets.shape[1] != logits.shape[1])
            throw new ArgumentException(
                $"Soft targets must be [N, classes] = [{logits.shape[0]}, {logits.shape[1]}]; got [{string.Join(", ", targets.shape)}].", nameof(targets));
        Tensor soft = targets.to_type(ScalarType.Float32);
        if (LabelSmoothing > 0) soft = soft * (1 - LabelSmoothing) + LabelSmoothing / logits.shape[1];
        return -(soft * nn.functional.log_softmax(input, 1)).sum(1).mean();
    }

    public override string ToString() => LabelSmoothing > 0 ? $"CrossEntropyLoss(label_smoothing={LabelSmoothing})" : "CrossEntropyLoss()";
}
