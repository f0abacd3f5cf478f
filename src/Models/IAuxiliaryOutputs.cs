namespace ModelZoo.Models;

/// <summary>Implemented by models with auxiliary classifiers (GoogLeNet). A generic trainer calls
/// <see cref="ForwardWithAuxiliary"/> in training mode and <see cref="CombinedLoss"/> for the loss,
/// so it needs no per-model code.</summary>
public interface IAuxiliaryOutputs
{
    /// <summary>True when the auxiliary heads exist and the module is in training mode.</summary>
    bool HasActiveAuxiliaryHeads { get; }

    /// <summary>Runs the forward returning the main logits and every auxiliary head's logits.</summary>
    ModelOutput ForwardWithAuxiliary(Tensor input);
}
