using static TorchSharp.torch;

namespace ModelZoo.Data.Transforms.Batching;

/// <summary>Applies one of several batch transforms picked at random per batch, e.g. MixUp or CutMix with equal
/// probability (torchvision's RandomChoice([CutMix, MixUp]) recipe).</summary>
public sealed class RandomBatchChoice : IBatchTransform
{
    private readonly IBatchTransform[] _transforms;
    private readonly double[] _cumulative;

    public RandomBatchChoice(IBatchTransform[] transforms, double[]? p = null)
    {
        ArgumentNullException.ThrowIfNull(transforms);
        if (transforms.Length == 0 || transforms.Any(t => t is null)) throw new ArgumentException("RandomBatchChoice needs one or more non-null batch transforms.", nameof(transforms));
        p ??= Enumerable.Repeat(1.0, transforms.Length).ToArray();
        if (p.Length != transforms.Length || p.Any(w => !(w >= 0) || double.IsInfinity(w)) || p.Sum() <= 0)
            throw new ArgumentException($"RandomBatchChoice needs {transforms.Length} non-negative weights, not all zero.", nameof(p));
        _transforms = transforms;
        double total = p.Sum(), run = 0;
        _cumulative = p.Select(w => run += w / total).ToArray();
    }

    public IReadOnlyList<IBatchTransform> Transforms => _transforms;

    public int MakeParams(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        double u = random.NextDouble();
        int i = Array.FindIndex(_cumulative, c => u < c);
        return i < 0 ? _transforms.Length - 1 : i;
    }

    public (Tensor Inputs, Tensor Targets) Apply(Tensor inputs, Tensor targets, Random random) =>
        _transforms[MakeParams(random)].Apply(inputs, targets, random);
}
