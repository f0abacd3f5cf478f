using ModelZoo.Core.Preprocessing;
using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms.Functional;

namespace ModelZoo.Data.Transforms;

/// <summary>
/// AutoAugment (torchvision AutoAugment, default the ImageNet policy): picks one of the policy's 25 sub-policies and
/// applies each of its two ops with its probability, at its magnitude bin of 10, with a random sign where signed.
/// </summary>
public sealed class AutoAugment : Transform<ImageBuffer, ImageBuffer>
{
    public AutoAugment(AutoAugmentPolicy policy = AutoAugmentPolicy.ImageNet, Interpolation interpolation = Interpolation.Nearest, byte[]? fill = null)
    {
        Interpolation = Check.WarpInterpolation(interpolation, nameof(AutoAugment));
        Policy = policy;
        SubPolicies = AutoAugmentPolicies.For(policy);
        Fill = fill;
    }

    public AutoAugmentPolicy Policy { get; }

    /// <summary>The policy: for each sub-policy two (op, probability, magnitude bin; −1 = no magnitude).</summary>
    public IReadOnlyList<(AugmentOp Op, double P, int Bin)[]> SubPolicies { get; }

    public Interpolation Interpolation { get; }
    public byte[]? Fill { get; }

    /// <summary>The chosen sub-policy and the ops it applies to this sample, with signed magnitudes.</summary>
    public readonly record struct Params(int SubPolicy, (AugmentOp Op, double Magnitude)[] Ops);

    public Params MakeParams(int height, int width, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        int index = random.Next(SubPolicies.Count);
        double[] probs = { random.NextDouble(), random.NextDouble() };
        bool[] negative = { random.Next(2) == 0, random.Next(2) == 0 };
        var ops = new List<(AugmentOp, double)>();
        (AugmentOp Op, double P, int Bin)[] sub = SubPolicies[index];
        for (int i = 0; i < sub.Length; i++)
        {
            if (!(probs[i] <= sub[i].P)) continue;
            (double[] bins, bool signed) = AugmentOps.RandAugmentSpace(sub[i].Op, 10, height, width);
            double magnitude = sub[i].Bin >= 0 ? bins[sub[i].Bin] : 0.0;
            ops.Add((sub[i].Op, signed && negative[i] ? -magnitude : magnitude));
        }
        return new Params(index, ops.ToArray());
    }

    /// <summary>Stateless kernel: the ops in order.</summary>
    public ImageBuffer Apply(ImageBuffer input, Params p) => AugmentOps.ApplyAll(input, p.Ops, Interpolation, Fill);

    public override ImageBuffer Apply(ImageBuffer input, Random random)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Apply(input, MakeParams(input.Height, input.Width, random));
    }

    public override string ToString() => $"AutoAugment(policy={Policy}, {Interpolation})";
}
