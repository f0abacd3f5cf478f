using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Data.Transforms.Batching;

/// <summary>
/// CutMix (torchvision v2 CutMix): λ ~ Beta(α, α) (default α = 1) sets a box of side √(1 − λ)·(W, H) centred at a
/// uniform random point (clipped to the image); each sample gets that box from its predecessor in the batch, and the
/// targets are mixed with λ adjusted to the pasted area: λ' = 1 − box area / (H·W).
/// </summary>
public sealed class CutMix : MixingBatchTransform
{
    public CutMix(int numClasses, double alpha = 1.0) : base(numClasses, alpha) { }

    /// <summary>The box [X1, X2) × [Y1, Y2), the drawn λ and the target weight λ' = 1 − box area / image area.</summary>
    public readonly record struct Params(int X1, int Y1, int X2, int Y2, double DrawnLambda, double Lambda);

    public Params MakeParams(int height, int width, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        double lambda = RandomDraw.Beta(random, Alpha, Alpha);
        int rx = random.Next(width), ry = random.Next(height);
        double r = 0.5 * Math.Sqrt(1.0 - lambda);
        int rw = (int)(r * width), rh = (int)(r * height);
        int x1 = Math.Max(rx - rw, 0), y1 = Math.Max(ry - rh, 0), x2 = Math.Min(rx + rw, width), y2 = Math.Min(ry + rh, height);
        double adjusted = 1.0 - (double)(x2 - x1) * (y2 - y1) / ((double)width * height);
        return new Params(x1, y1, x2, y2, lambda, adjusted);
    }

    /// <summary>Stateless kernel with a drawn box.</summary>
    public (Tensor Inputs, Tensor Targets) Apply(Tensor inputs, Tensor targets, Params p)
    {
        BatchMixing.CheckBatch(inputs, targets, NumClasses, nameof(CutMix));
        using var scope = torch.NewDisposeScope();
        Tensor output = inputs.clone();
        if (p.X2 > p.X1 && p.Y2 > p.Y1)
        {
            Tensor rolled = inputs.roll(1, 0);
            Tensor source = rolled.narrow(2, p.Y1, p.Y2 - p.Y1).narrow(3, p.X1, p.X2 - p.X1);
            output.narrow(2, p.Y1, p.Y2 - p.Y1).narrow(3, p.X1, p.X2 - p.X1).copy_(source);
        }
        Tensor soft = BatchMixing.MixTargets(targets, NumClasses, p.Lambda);
        return (output.MoveToOuterDisposeScope(), soft.MoveToOuterDisposeScope());
    }

    public override (Tensor Inputs, Tensor Targets) Apply(Tensor inputs, Tensor targets, Random random)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.dim() != 4) throw new ArgumentException($"CutMix expects inputs [N, C, H, W]; got [{string.Join(", ", inputs.shape)}].", nameof(inputs));
        return Apply(inputs, targets, MakeParams((int)inputs.shape[2], (int)inputs.shape[3], random));
    }

    public override string ToString() => $"CutMix(alpha={Alpha}, num_classes={NumClasses})";
}
