using ModelZoo.Models.Layers;

namespace ModelZoo.Models.CifarResNets;

/// <summary>
/// ResNet for 32×32 CIFAR images (He et al. 2015, §4.2): conv3x3(16) → BN → ReLU → three stages of n
/// <see cref="CifarBasicBlock"/>s with 16, 32, 64 channels (strides 1, 2, 2; option-A shortcuts) → global average
/// pool → linear. Module names follow the widely used akamaster/pytorch_resnet_cifar10 implementation (conv1, bn1,
/// layer1–3, linear), so its checkpoints load 1:1 once the <c>module.</c> prefix is stripped.
/// </summary>
public sealed class CifarResNet : ImageClassifier
{
    private static readonly int[] s_widths = [16, 32, 64];
    private readonly Conv2d conv1;
    private readonly nn.Module<Tensor, Tensor> bn1;   // BatchNorm2d; an Identity once folded into the convolution (Models.Inference)
    private readonly Sequential layer1;
    private readonly Sequential layer2;
    private readonly Sequential layer3;
    private nn.Module<Tensor, Tensor> linear;
    private readonly CifarResNetOptions _options;

    public CifarResNet(CifarResNetOptions? options = null) : base(nameof(CifarResNet))
    {
        _options = options ?? new CifarResNetOptions();
        _options.Validate();
        conv1 = nn.Conv2d(_options.InChannels, s_widths[0], 3, stride: 1, padding: 1, bias: false);
        bn1 = nn.BatchNorm2d(s_widths[0]);
        layer1 = Stage(s_widths[0], s_widths[0], 1);
        layer2 = Stage(s_widths[0], s_widths[1], 2);
        layer3 = Stage(s_widths[1], s_widths[2], 2);
        linear = ClassifierHead.Create(s_widths[2], _options.NumClasses);
        RegisterComponents();
        InitWeights();
    }

    public CifarResNetOptions Options => _options;

    public override ImageClassifier NewInstance() => new CifarResNet(_options with { NumClasses = NumClasses, InChannels = InChannels });
    public override int NumClasses => ClassifierHead.NumClasses(linear);
    public override int MinInputSize => 4;
    public override string StemName => "conv1";
    public override string ClassifierName => "linear";
    public override int NumFeatures => s_widths[2];

    public override IReadOnlyList<FeatureInfo> FeatureInfo { get; } =
        [new FeatureInfo("layer1", 16, 1), new FeatureInfo("layer2", 32, 2), new FeatureInfo("layer3", 64, 4)];

    protected override Tensor Features(Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = nn.functional.relu(bn1.call(conv1.call(input)));
        x = layer3.call(layer2.call(layer1.call(x)));
        return x.MoveToOuterDisposeScope();
    }

    public override Tensor ForwardHead(Tensor features, bool preLogits = false)
    {
        using var scope = torch.NewDisposeScope();
        Tensor pooled = nn.functional.adaptive_avg_pool2d(features, 1).flatten(1);
        return (preLogits ? pooled : linear.call(pooled)).MoveToOuterDisposeScope();
    }

    public override void ResetClassifier(int numClasses) =>
        linear = ClassifierHead.Replace(this, nameof(linear), s_widths[2], numClasses, conv1.weight!, l => nn.init.kaiming_normal_(l.weight));

    public override nn.Module<Tensor, Tensor> GetClassifier() => linear;

    private Sequential Stage(int inPlanes, int planes, int stride)
    {
        var blocks = new List<(string, nn.Module<Tensor, Tensor>)>();
        for (int i = 0; i < _options.BlocksPerStage; i++)
            blocks.Add((i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                new CifarBasicBlock(i == 0 ? inPlanes : planes, planes, i == 0 ? stride : 1)));
        return nn.Sequential(blocks);
    }

    /// <summary>Kaiming-normal convolution and linear weights, as the reference implementation initialises them.</summary>
    private void InitWeights()
    {
        using var noGrad = torch.no_grad();
        foreach (nn.Module m in modules())
        {
            if (m is Conv2d c) nn.init.kaiming_normal_(c.weight);
            else if (m is Linear l) nn.init.kaiming_normal_(l.weight);
        }
    }
}
