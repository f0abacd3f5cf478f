
namespace ModelZoo.Training.Metrics;

/// <summary>Accuracy and labels for targets that are class indices [N] or soft targets [N, classes] (MixUp, CutMix).</summary>
public static class SoftTargets
{
    /// <summary>Class indices: the targets themselves, or the argmax of soft targets.</summary>
    public static Tensor Labels(Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        return targets.is_floating_point() && targets.dim() == 2 ? targets.argmax(1) : targets;
    }

    /// <summary>
    /// The number of correct predictions in the batch as a float64 scalar tensor (no host read): with class indices,
    /// the count of argmax(logits) = target; with soft targets, Σ target[i, argmax(logits[i])], the target weight the
    /// prediction lands on. For a MixUp pair mixed with weight λ this is λ·[pred = a] + (1 − λ)·[pred = b], the
    /// accuracy of the mixup reference implementation; for one-hot targets it equals the plain count.
    /// </summary>
    public static Tensor Correct(Tensor logits, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        using Tensor predicted = logits.argmax(1);
        if (!targets.is_floating_point()) return predicted.eq(targets).sum().to_type(ScalarType.Float64);
        if (targets.dim() != 2 || targets.shape[0] != logits.shape[0] || targets.shape[1] != logits.shape[1])
            throw new ArgumentException($"Soft targets must be [N, classes] = [{logits.shape[0]}, {logits.shape[1]}]; got [{string.Join(", ", targets.shape)}].", nameof(targets));
        using Tensor index = predicted.unsqueeze(1);
        using Tensor weights = targets.gather(1, index);
        return weights.sum().to_type(ScalarType.Float64);
    }
}
