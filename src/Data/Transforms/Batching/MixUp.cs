using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Data.Transforms.Batching;

/// <summary>
/// MixUp (torchvision v2 MixUp): λ ~ Beta(<see cref="Alpha"/>, <see cref="Alpha"/>) (default α = 1), each sample blended
/// with its predecessor in the batch (roll by one): x' = λ·x + (1 − λ)·x_prev, and its one-hot target mixed the same way.
/// </summary>
public sealed class MixUp : MixingBatchTransform
{
    public MixUp(int numClasses, double alpha = 1.0) : base(numClasses, alpha) { }

    /// <summary>The mixing weight λ of the batch.</summary>
    public double MakeParams(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return RandomDraw.Beta(random, Alpha, Alpha);
    }

    /// <summary>Stateless kernel with weight <paramref name="lambda"/>.</summary>
    public (Tensor Inputs, Tensor Targets) Apply(Tensor inputs, Tensor targets, double lambda)
    {
        BatchMixing.CheckBatch(inputs, targets, NumClasses, nameof(MixUp));
        using var scope = torch.NewDisposeScope();
        Tensor mixed = inputs.mul(lambda).add(inputs.roll(1, 0).mul(1.0 - lambda));
        Tensor soft = BatchMixing.MixTargets(targets, NumClasses, lambda);
        return (mixed.MoveToOuterDisposeScope(), soft.MoveToOuterDisposeScope());
    }

    public override (Tensor Inputs, Tensor Targets) Apply(Tensor inputs, Tensor targets, Random random) => Apply(inputs, targets, MakeParams(random));

    public override string ToString() => $"MixUp(alpha={Alpha}, num_classes={NumClasses})";
}
