using ModelZoo.Data.Imaging;

namespace ModelZoo.Data.Transforms;

/// <summary>Base of the image transforms that apply one fixed operation with probability <see cref="P"/> and
/// otherwise return the input unchanged (torchvision's RandomInvert, RandomHorizontalFlip, RandomGrayscale, …).
/// Each sample draws its one decision from the per-sample <see cref="Random"/> (<see cref="MakeParams"/>).</summary>
public abstract class RandomApplyTransform : Transform<ImageBuffer, ImageBuffer>
{
    /// <param name="p">The probability in [0, 1] that a sample is transformed.</param>
    protected RandomApplyTransform(double p) => P = Check.Probability(p);

    /// <summary>The probability that a sample is transformed.</summary>
    public double P { get; }

    /// <summary>Whether this sample is transformed.</summary>
    public bool MakeParams(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return RandomDraw.Chance(random, P);
    }

    public sealed override ImageBuffer Apply(ImageBuffer input, Random random)
    {
        ArgumentNullException.ThrowIfNull(input);
        return MakeParams(random) ? ApplyAlways(input) : input;
    }

    /// <summary>The operation, applied to every sample that <see cref="MakeParams"/> chose.</summary>
    protected abstract ImageBuffer ApplyAlways(ImageBuffer input);

    public override string ToString() => $"{GetType().Name}(p={P})";
}
