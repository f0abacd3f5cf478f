using ModelZoo.Data.Loading;
using ModelZoo.Data.Transforms;

namespace ModelZoo.Bench;

/// <summary>The augmentation pipelines the benchmarks run: RandomResizedCrop(size) + RandomHorizontalFlip (+ Grayscale
/// for one-channel models), then normalisation with ImageNet statistics (0.5/0.5 for one channel), either fused into
/// collation ("fused", the loader's <see cref="ImageNormalization"/>: no libtorch calls on the workers) or as
/// per-sample ToTensor + Normalize transforms ("tensor").</summary>
internal static class Pipelines
{
    public static (ITransform Transform, ImageNormalization? Normalization) Train(int size, int channels, string mode)
    {
        var steps = new List<ITransform> { new RandomResizedCrop(size), new RandomHorizontalFlip() };
        if (channels == 1) steps.Add(new Grayscale(1));
        ImageNormalization normalization = channels == 1 ? new ImageNormalization(new[] { 0.5 }, new[] { 0.5 }) : ImageNormalization.ImageNet;
        switch (mode)
        {
            case "fused":
                return (new Compose(steps.ToArray()), normalization);
            case "tensor":
                steps.Add(new ToTensor());
                steps.Add(new Normalize(normalization.Mean, normalization.Std));
                return (new Compose(steps.ToArray()), null);
            default:
                throw new ArgumentException($"Unknown pipeline '{mode}'; use fused or tensor.");
        }
    }
}
