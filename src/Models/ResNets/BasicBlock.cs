namespace ModelZoo.Models.ResNets;

/// <summary>
/// The two 3×3 convolution residual block of ResNet-18/34 (torchvision's <c>BasicBlock</c>, expansion 1):
/// conv1 (3×3, stride) → bn1 → relu → conv2 (3×3) → bn2, plus the identity or <c>downsample</c> projection, → relu.
/// State-dict keys: conv1, bn1, conv2, bn2 and, when present, downsample.0 (1×1 conv) and downsample.1 (BN).
/// </summary>
public sealed class BasicBlock : nn.Module<Tensor, Tensor>
{
    /// <summary>Output channels = planes × Expansion.</summary>
    public const int Expansion = 1;

    private readonly Conv2d conv1;
    private readonly nn.Module<Tensor, Tensor> bn1;   // BatchNorm2d; an Identity once folded into the convolution (Models.Inference)
    private readonly ReLU relu;
    private readonly Conv2d conv2;
    private readonly nn.Module<Tensor, Tensor> bn2;   // BatchNorm2d; an Identity once folded into the convolution (Models.Inference)
    private readonly Sequential? downsample;

    /// <param name="inPlanes">Input channels.</param>
    /// <param name="planes">Output channels.</param>
    /// <param name="stride">Stride of conv1 (2 at the first block of stages 2–4).</param>
    /// <param name="downsample">Projection shortcut (Sequential "0" conv1x1, "1" BN), or null for the identity.</param>
    /// <param name="groups">Must be 1 (as torchvision).</param>
    /// <param name="baseWidth">Must be 64 (as torchvision).</param>
    public BasicBlock(long inPlanes, long planes, long stride = 1, Sequential? downsample = null, long groups = 1, long baseWidth = 64)
        : base(nameof(BasicBlock))
    {
        if (groups != 1 || baseWidth != 64)
            throw new ArgumentException($"BasicBlock supports only groups=1 and base width 64; got groups={groups}, base width={baseWidth}. " +
                "Use a Bottleneck network (ResNet-50 and deeper) for ResNeXt or wide variants.");
        conv1 = ResNetLayers.Conv3x3(inPlanes, planes, stride);
        bn1 = nn.BatchNorm2d(planes);
        relu = nn.ReLU();
        conv2 = ResNetLayers.Conv3x3(planes, planes);
        bn2 = nn.BatchNorm2d(planes);
        this.downsample = downsample;
        RegisterComponents();
    }

    /// <summary>The last BatchNorm of the residual branch (zeroed by <c>zero_init_residual</c>).</summary>
    internal BatchNorm2d LastNorm => (BatchNorm2d)bn2;

    public override Tensor forward(Tensor input)
    {
        using Tensor c1 = conv1.call(input);
        using Tensor b1 = bn1.call(c1);
        using Tensor r1 = relu.call(b1);
        using Tensor c2 = conv2.call(r1);
        using Tensor b2 = bn2.call(c2);
        using Tensor sum = ResNetLayers.AddShortcut(b2, input, downsample);
        return relu.call(sum);
    }
}
