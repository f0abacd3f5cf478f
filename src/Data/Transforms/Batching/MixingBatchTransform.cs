using static TorchSharp.torch;

namespace ModelZoo.Data.Transforms.Batching;

/// <summary>
/// What <see cref="MixUp"/> and <see cref="CutMix"/> share (torchvision v2's <c>_BaseMixUpCutMix</c>): the number of
/// classes of the soft targets and the α of λ ~ Beta(α, α), both validated once here. The batch checks and the target
/// mixing live in <see cref="BatchMixing"/>.
/// </summary>
public abstract class MixingBatchTransform : IBatchTransform
{
    private protected MixingBatchTransform(int numClasses, double alpha)
    {
        BatchMixing.CheckClasses(numClasses);
        BatchMixing.CheckAlpha(alpha);
        NumClasses = numClasses;
        Alpha = alpha;
    }

    /// <summary>Width of the soft targets; class indices must lie below it.</summary>
    public int NumClasses { get; }

    /// <summary>λ ~ Beta(Alpha, Alpha).</summary>
    public double Alpha { get; }

    public abstract (Tensor Inputs, Tensor Targets) Apply(Tensor inputs, Tensor targets, Random random);
}
