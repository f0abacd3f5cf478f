namespace ModelZoo.Models.GoogLeNets;

/// <summary>torchvision's GoogLeNet <c>BasicConv2d</c>: convolution without bias → BatchNorm (eps 0.001) → ReLU.
/// State-dict keys: conv.weight, bn.{weight, bias, running_mean, running_var, num_batches_tracked}.</summary>
public sealed class BasicConv2d : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly nn.Module<Tensor, Tensor> bn;   // BatchNorm2d; an Identity once folded into the convolution (Models.Inference)

    public BasicConv2d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0)
        : base(nameof(BasicConv2d))
    {
        conv = nn.Conv2d(inChannels, outChannels, kernel_size: kernelSize, stride: stride, padding: padding, bias: false);
        bn = nn.BatchNorm2d(outChannels, eps: 0.001);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using Tensor c = conv.call(input);
        using Tensor b = bn.call(c);
        return nn.functional.relu(b);
    }
}
