using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms.Functional;

namespace ModelZoo.Data.Transforms;

/// <summary>Gaussian blur with a fixed odd kernel size and a standard deviation uniform in <see cref="Sigma"/> (default
/// (0.1, 2.0); torchvision GaussianBlur). The image must be larger than half the kernel (reflect padding).</summary>
public sealed class GaussianBlur : Transform<ImageBuffer, ImageBuffer>
{
    public GaussianBlur(int kernelSize, (double Min, double Max)? sigma = null) : this((kernelSize, kernelSize), sigma) { }

    /// <param name="kernelSize">(x, y) = (width, height) of the kernel, both odd and positive.</param>
    public GaussianBlur((int X, int Y) kernelSize, (double Min, double Max)? sigma = null)
    {
        if (kernelSize.X < 1 || kernelSize.Y < 1 || kernelSize.X % 2 == 0 || kernelSize.Y % 2 == 0)
            throw new ArgumentOutOfRangeException(nameof(kernelSize), $"Kernel size must be odd and positive; got ({kernelSize.X}, {kernelSize.Y}).");
        KernelSize = kernelSize;
        Sigma = Check.Range(sigma ?? (0.1, 2.0), nameof(sigma), 0);
        if (Sigma.Min <= 0) throw new ArgumentOutOfRangeException(nameof(sigma), $"Sigma must be positive; got ({Sigma.Min}, {Sigma.Max}).");
    }

    public (int X, int Y) KernelSize { get; }
    public (double Min, double Max) Sigma { get; }

    /// <summary>The standard deviation (same for x and y).</summary>
    public double MakeParams(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return RandomDraw.Uniform(random, Sigma.Min, Sigma.Max);
    }

    public override ImageBuffer Apply(ImageBuffer input, Random random)
    {
        double s = MakeParams(random);
        return FilterOps.GaussianBlur(input, KernelSize.X, KernelSize.Y, s, s);
    }

    public override string ToString() => $"GaussianBlur(kernel_size=({KernelSize.X}, {KernelSize.Y}), sigma=({Sigma.Min}, {Sigma.Max}))";
}
