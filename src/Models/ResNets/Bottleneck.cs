namespace ModelZoo.Models.ResNets;

/// <summary>
/// The 1×1 → 3×3 → 1×1 residual block of ResNet-50 and deeper (torchvision's <c>Bottleneck</c>, "ResNet v1.5"):
/// the stride sits on the 3×3 convolution conv2, which also carries the ResNeXt groups. Width of the inner
/// convolutions = ⌊planes · baseWidth / 64⌋ · groups; output channels = planes × 4.
/// State-dict keys: conv1, bn1, conv2, bn2, conv3, bn3 and, when present, downsample.0 / downsample.1.
/// </summary>
public sealed class Bottleneck : nn.Module<Tensor, Tensor>
{
    /// <summary>Output channels = planes × Expansion.</summary>
    public const int Expansion = 4;

    private readonly Conv2d conv1;
    private readonly nn.Module<Tensor, Tensor> bn1;   // BatchNorm2d; an Identity once folded into the convolution (Models.Inference)
    private readonly Conv2d conv2;
    private readonly nn.Module<Tensor, Tensor> bn2;   // BatchNorm2d; an Identity once folded into the convolution (Models.Inference)
    private readonly Conv2d conv3;
    private readonly nn.Module<Tensor, Tensor> bn3;   // BatchNorm2d; an Identity once folded into the convolution (Models.Inference)
    private readonly ReLU relu;
    private readonly Sequential? downsample;

    /// <param name="inPlanes">Input channels.</param>
    /// <param name="planes">Base channels; the block outputs planes × 4.</param>
    /// <param name="stride">Stride of the 3×3 convolution.</param>
    /// <param name="downsample">Projection shortcut (Sequential "0" conv1x1, "1" BN), or null for the identity.</param>
    /// <param name="groups">Groups of the 3×3 convolution (ResNeXt cardinality).</param>
    /// <param name="baseWidth">Channels per group at planes = 64 (64 plain, 128 wide, 4 or 8 ResNeXt).</param>
    public Bottleneck(long inPlanes, long planes, long stride = 1, Sequential? downsample = null, long groups = 1, long baseWidth = 64)
        : base(nameof(Bottleneck))
    {
        if (groups < 1) throw new ArgumentOutOfRangeException(nameof(groups), groups, "groups must be >= 1.");
        if (baseWidth < 1) throw new ArgumentOutOfRangeException(nameof(baseWidth), baseWidth, "baseWidth must be >= 1.");
        long width = (long)(planes * (baseWidth / 64.0)) * groups;
        conv1 = ResNetLayers.Conv1x1(inPlanes, width);
        bn1 = nn.BatchNorm2d(width);
        conv2 = ResNetLayers.Conv3x3(width, width, stride, groups);
        bn2 = nn.BatchNorm2d(width);
        conv3 = ResNetLayers.Conv1x1(width, planes * Expansion);
        bn3 = nn.BatchNorm2d(planes * Expansion);
        relu = nn.ReLU();
        this.downsample = downsample;
        RegisterComponents();
    }

    /// <summary>The last BatchNorm of the residual branch (zeroed by <c>zero_init_residual</c>).</summary>
    internal BatchNorm2d LastNorm => (BatchNorm2d)bn3;

    public override Tensor forward(Tensor input)
    {
        using Tensor c1 = conv1.call(input);
        using Tensor b1 = bn1.call(c1);
        using Tensor r1 = relu.call(b1);
        using Tensor c2 = conv2.call(r1);
        using Tensor b2 = bn2.call(c2);
        using Tensor r2 = relu.call(b2);
        using Tensor c3 = conv3.call(r2);
        using Tensor b3 = bn3.call(c3);
        using Tensor sum = ResNetLayers.AddShortcut(b3, input, downsample);
        return relu.call(sum);
    }
}
