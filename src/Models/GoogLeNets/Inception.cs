namespace ModelZoo.Models.GoogLeNets;

/// <summary>
/// An Inception module as torchvision builds it, four branches concatenated on channels:
/// branch1 1×1; branch2 1×1 → 3×3; branch3 1×1 → 3×3 (torchvision uses 3×3 where the paper has 5×5,
/// pytorch/vision#906, and its checkpoints depend on it); branch4 max-pool 3/1/1 (ceil_mode) → 1×1.
/// Keys: branch1.*, branch2.{0,1}.*, branch3.{0,1}.*, branch4.1.*.
/// </summary>
public sealed class Inception : nn.Module<Tensor, Tensor>
{
    private readonly BasicConv2d branch1;
    private readonly Sequential branch2;
    private readonly Sequential branch3;
    private readonly Sequential branch4;

    public Inception(long inChannels, long ch1x1, long ch3x3Reduce, long ch3x3, long ch5x5Reduce, long ch5x5, long poolProj)
        : base(nameof(Inception))
    {
        branch1 = new BasicConv2d(inChannels, ch1x1, 1);
        branch2 = nn.Sequential(
            ("0", new BasicConv2d(inChannels, ch3x3Reduce, 1)),
            ("1", new BasicConv2d(ch3x3Reduce, ch3x3, 3, padding: 1)));
        branch3 = nn.Sequential(
            ("0", new BasicConv2d(inChannels, ch5x5Reduce, 1)),
            ("1", new BasicConv2d(ch5x5Reduce, ch5x5, 3, padding: 1)));
        branch4 = nn.Sequential(
            ("0", nn.MaxPool2d(kernel_size: 3, stride: 1, padding: 1, ceil_mode: true)),
            ("1", new BasicConv2d(inChannels, poolProj, 1)));
        OutChannels = ch1x1 + ch3x3 + ch5x5 + poolProj;
        RegisterComponents();
    }

    /// <summary>Channels of the concatenated output.</summary>
    public long OutChannels { get; }

    public override Tensor forward(Tensor input)
    {
        using Tensor b1 = branch1.call(input);
        using Tensor b2 = branch2.call(input);
        using Tensor b3 = branch3.call(input);
        using Tensor b4 = branch4.call(input);
        return torch.cat(new[] { b1, b2, b3, b4 }, 1);
    }
}
