namespace ModelZoo.Models.GoogLeNets;

/// <summary>
/// GoogLeNet's training-mode result, in torchvision's field order (logits, aux2, aux1). <see cref="Aux1"/> is the
/// output of the head after inception4a and <see cref="Aux2"/> of the head after inception4d; both are null when the
/// model has no auxiliary heads or is in eval mode. (torchvision 0.14's eager forward passes the two heads' tensors
/// into its namedtuple swapped — <c>aux_logits2</c> holds aux1's output — which the symmetric loss hides; here each
/// field holds the head it is named after.)
/// </summary>
public sealed record GoogLeNetOutputs(Tensor Logits, Tensor? Aux2, Tensor? Aux1)
{
    /// <summary>The generic form a trainer uses: main logits plus aux1 and aux2, each weighted by <paramref name="auxLossWeight"/>.</summary>
    public ModelOutput ToModelOutput(double auxLossWeight)
    {
        if (Aux1 is null || Aux2 is null) return new ModelOutput(Logits);
        return new ModelOutput(Logits, new[]
        {
            new AuxiliaryLogits("aux1", Aux1, auxLossWeight),
            new AuxiliaryLogits("aux2", Aux2, auxLossWeight),
        });
    }
}
