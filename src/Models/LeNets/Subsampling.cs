namespace ModelZoo.Models.LeNets;

/// <summary>LeNet-5's trainable sub-sampling layer (S2, S4): the sum of each non-overlapping 2×2 block,
/// times a per-map coefficient, plus a per-map bias. 2 parameters per feature map.</summary>
public sealed class Subsampling : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter bias;

    public Subsampling(int channels) : base(nameof(Subsampling))
    {
        if (channels < 1) throw new ArgumentOutOfRangeException(nameof(channels));
        // LeCun initialises weights uniformly in ±2.4/fan_in; fan_in of a sub-sampling unit is 4.
        weight = new Parameter(torch.empty(channels).uniform_(-0.6, 0.6));
        bias = new Parameter(torch.zeros(channels));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using Tensor avg = nn.functional.avg_pool2d(input, 2);
        using Tensor sum = avg * 4.0;
        using Tensor w = weight.view(1, -1, 1, 1);
        using Tensor b = bias.view(1, -1, 1, 1);
        using Tensor scaled = sum * w;
        return scaled + b;
    }
}
