using static TorchSharp.torch;

namespace ModelZoo.Data.Transforms.Batching;

/// <summary>
/// A transform of a whole batch and its targets (MixUp, CutMix), applied by the loader or trainer after collation.
/// Inputs are float [N, C, H, W]; targets are class indices (int64 [N]) or soft targets (float [N, classes]).
/// Returns new tensors (the caller owns them and the inputs); soft targets are float32 [N, classes].
/// </summary>
public interface IBatchTransform
{
    (Tensor Inputs, Tensor Targets) Apply(Tensor inputs, Tensor targets, Random random);
}
