using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Data.Transforms.Batching;

/// <summary>Validation and label mixing shared by <see cref="MixUp"/> and <see cref="CutMix"/>.</summary>
internal static class BatchMixing
{
    public static void CheckAlpha(double alpha)
    {
        if (!(alpha > 0) || double.IsInfinity(alpha)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be a positive number (λ ~ Beta(alpha, alpha)).");
    }

    public static void CheckClasses(int numClasses)
    {
        if (numClasses < 1) throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, "numClasses must be positive.");
    }

    public static void CheckBatch(Tensor inputs, Tensor targets, int numClasses, string owner)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (inputs.dim() != 4 || !inputs.is_floating_point() || inputs.shape[0] < 1)
            throw new ArgumentException($"{owner} expects float inputs [N, C, H, W] with N >= 1; got {inputs.dtype} [{string.Join(", ", inputs.shape)}].", nameof(inputs));
        long n = inputs.shape[0];
        bool indices = targets.dim() == 1 && targets.dtype is ScalarType.Int64 or ScalarType.Int32;
        bool soft = targets.dim() == 2 && targets.is_floating_point() && targets.shape[1] == numClasses;
        if (!(indices || soft) || targets.shape[0] != n)
            throw new ArgumentException(
                $"{owner} expects targets as int64 [{n}] class indices or float [{n}, {numClasses}]; got {targets.dtype} [{string.Join(", ", targets.shape)}].", nameof(targets));
        if (indices)
        {
            using Tensor lo = targets.min(), hi = targets.max();
            long min = lo.item<long>(), max = hi.item<long>();
            if (min < 0 || max >= numClasses)
                throw new ArgumentException($"{owner}: class indices must be in [0, {numClasses - 1}]; got values in [{min}, {max}].", nameof(targets));
        }
    }

    /// <summary>λ·t + (1 − λ)·roll(t, 1) on one-hot (or soft) targets, float32 [N, classes].</summary>
    public static Tensor MixTargets(Tensor targets, int numClasses, double lambda)
    {
        using var scope = torch.NewDisposeScope();
        Tensor soft = targets.is_floating_point()
            ? targets.to_type(ScalarType.Float32)
            : torch.nn.functional.one_hot(targets.to_type(ScalarType.Int64), numClasses).to_type(ScalarType.Float32);
        Tensor mixed = soft.mul(lambda).add(soft.roll(1, 0).mul(1.0 - lambda));
        return mixed.MoveToOuterDisposeScope();
    }
}
