namespace ModelZoo.Models;

/// <summary>Output of a model with auxiliary heads: the main logits and each head's logits with its loss weight.</summary>
public sealed record ModelOutput(Tensor Logits, IReadOnlyList<AuxiliaryLogits> Auxiliary)
{
    public ModelOutput(Tensor logits) : this(logits, Array.Empty<AuxiliaryLogits>()) { }

    /// <summary>main + Σ weightᵢ · auxᵢ, with <paramref name="loss"/> applied to each head (e.g. cross-entropy).</summary>
    public Tensor CombinedLoss(Func<Tensor, Tensor, Tensor> loss, Tensor target)
    {
        Tensor total = loss(Logits, target);
        foreach (AuxiliaryLogits aux in Auxiliary)
            total = total + aux.Weight * loss(aux.Logits, target);
        return total;
    }
}
