
namespace ModelZoo.Training.Losses;

/// <summary>A training loss: logits [N, classes] and targets (int64 class indices [N] or soft targets float [N, classes])
/// to a scalar tensor that backward differentiates.</summary>
public interface ILossFunction
{
    Tensor Compute(Tensor logits, Tensor targets);
}
