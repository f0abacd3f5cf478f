using ModelZoo.Models.Layers;

namespace ModelZoo.Models.ResNets;

/// <summary>
/// ResNet (He et al. 2015) exactly as torchvision 0.14 builds it, so torchvision checkpoints load 1:1:
/// conv1 (7×7/2) → bn1 → relu → maxpool (3×3/2) → layer1..layer4 (Sequentials of blocks "0", "1", ...)
/// → avgpool → flatten → [dropout] → fc. Initialisation as torchvision: Kaiming-normal (fan_out, ReLU) for every
/// convolution, BatchNorm weight 1 / bias 0, optional zero-init of each block's last BatchNorm, default Linear init.
/// </summary>
public sealed class ResNet : ImageClassifier
{
    private readonly Conv2d conv1;
    private readonly nn.Module<Tensor, Tensor> bn1;   // BatchNorm2d; an Identity once folded into the convolution (Models.Inference)
    private readonly ReLU relu;
    private readonly MaxPool2d maxpool;
    private readonly Sequential layer1;
    private readonly Sequential layer2;
    private readonly Sequential layer3;
    private readonly Sequential layer4;
    private readonly AdaptiveAvgPool2d avgpool;
    private readonly Dropout? dropout;
    private nn.Module<Tensor, Tensor> fc;

    private readonly ResNetOptions _options;
    private readonly int _expansion;
    private readonly FeatureInfo[] _featureInfo;
    private long _inPlanes = 64;

    /// <summary>Builds a ResNet from its block kind and the number of blocks per stage (e.g. Bottleneck, [3, 4, 6, 3]
    /// for ResNet-50). Prefer the builders in <see cref="ResNetBuilders"/>.</summary>
    public ResNet(ResNetBlockKind block, IReadOnlyList<int> layers, ResNetOptions? options = null) : base(nameof(ResNet))
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count != 4 || layers.Any(n => n < 1))
            throw new ArgumentException($"ResNet needs 4 stages of at least one block each, e.g. [2, 2, 2, 2]; got [{string.Join(", ", layers)}].", nameof(layers));
        _options = options ?? new ResNetOptions();
        _options.Validate();
        if (block == ResNetBlockKind.Basic && (_options.Groups != 1 || _options.WidthPerGroup != 64))
            throw new ArgumentException($"BasicBlock ResNets support only Groups=1 and WidthPerGroup=64; got Groups={_options.Groups}, " +
                $"WidthPerGroup={_options.WidthPerGroup}. ResNeXt and wide variants use Bottleneck blocks.", nameof(options));
        Block = block;
        Layers = layers.ToArray();
        _expansion = block == ResNetBlockKind.Basic ? BasicBlock.Expansion : Bottleneck.Expansion;

        // Construction order = torchvision's, so a seeded build draws the same random numbers.
        conv1 = nn.Conv2d(_options.InChannels, 64, kernel_size: 7, stride: 2, padding: 3, bias: false);
        bn1 = nn.BatchNorm2d(64);
        relu = nn.ReLU();
        maxpool = nn.MaxPool2d(kernel_size: 3, stride: 2, padding: 1);
        layer1 = MakeLayer(64, layers[0], stride: 1);
        layer2 = MakeLayer(128, layers[1], stride: 2);
        layer3 = MakeLayer(256, layers[2], stride: 2);
        layer4 = MakeLayer(512, layers[3], stride: 2);
        avgpool = nn.AdaptiveAvgPool2d(1);
        if (_options.Dropout is > 0) dropout = nn.Dropout(_options.Dropout.Value);
        fc = ClassifierHead.Create(512L * _expansion, _options.NumClasses);
        RegisterComponents();
        InitWeights();

        int e = _expansion;
        _featureInfo = new[]
        {
            new FeatureInfo("relu", 64, 2),
            new FeatureInfo("layer1", 64 * e, 4),
            new FeatureInfo("layer2", 128 * e, 8),
            new FeatureInfo("layer3", 256 * e, 16),
            new FeatureInfo("layer4", 512 * e, 32),
        };
    }

    /// <summary>The block kind of every stage.</summary>
    public ResNetBlockKind Block { get; }

    /// <summary>Blocks per stage (layer1..layer4).</summary>
    public IReadOnlyList<int> Layers { get; }

    /// <summary>The options this model was built with (NumClasses as at construction).</summary>
    public ResNetOptions Options => _options;

    public override ImageClassifier NewInstance() => new ResNet(Block, Layers, _options with { NumClasses = NumClasses, InChannels = InChannels });

    public override int NumClasses => ClassifierHead.NumClasses(fc);

    /// <summary>1, as torchvision's <c>min_size</c> (1, 1): every stride-2 layer pads, so any size reaches layer4.</summary>
    public override int MinInputSize => 1;
    public override string StemName => "conv1";
    public override string ClassifierName => "fc";
    public override IReadOnlyList<FeatureInfo> FeatureInfo => _featureInfo;
    public override int NumFeatures => 512 * _expansion;

    protected override Tensor Features(Tensor input)
    {
        using Tensor c = conv1.call(input);
        using Tensor b = bn1.call(c);
        using Tensor r = relu.call(b);
        using Tensor p = maxpool.call(r);
        using Tensor l1 = layer1.call(p);
        using Tensor l2 = layer2.call(l1);
        using Tensor l3 = layer3.call(l2);
        return layer4.call(l3);
    }

    /// <summary>avgpool → flatten → [dropout] → fc; with <paramref name="preLogits"/> the pooled [N, NumFeatures] vector.</summary>
    public override Tensor ForwardHead(Tensor features, bool preLogits = false) =>
        ClassifierHead.PoolAndClassify(features, avgpool, dropout, fc, preLogits);

    /// <summary>Replaces <c>fc</c> with a freshly initialised Linear(NumFeatures, <paramref name="numClasses"/>) on the
    /// same device and dtype (0 = identity: the model then returns the pooled features).</summary>
    public override void ResetClassifier(int numClasses) =>
        fc = ClassifierHead.Replace(this, nameof(fc), NumFeatures, numClasses, conv1.weight!);

    public override nn.Module<Tensor, Tensor> GetClassifier() => fc;

    /// <summary>torchvision's <c>_make_layer</c>: the projection shortcut (built first, as torchvision) on the first
    /// block when the stride or the width changes, then identity blocks.</summary>
    private Sequential MakeLayer(long planes, int blocks, long stride)
    {
        long outPlanes = planes * _expansion;
        Sequential? downsample = stride != 1 || _inPlanes != outPlanes
            ? ResNetLayers.Downsample(_inPlanes, outPlanes, stride)
            : null;
        var modules = new List<(string, nn.Module<Tensor, Tensor>)>(blocks)
        {
            ("0", NewBlock(_inPlanes, planes, stride, downsample)),
        };
        _inPlanes = outPlanes;
        for (int i = 1; i < blocks; i++)
            modules.Add((i.ToString(System.Globalization.CultureInfo.InvariantCulture), NewBlock(_inPlanes, planes, 1, null)));
        return nn.Sequential(modules.ToArray());
    }

    private nn.Module<Tensor, Tensor> NewBlock(long inPlanes, long planes, long stride, Sequential? downsample) =>
        Block == ResNetBlockKind.Basic
            ? new BasicBlock(inPlanes, planes, stride, downsample)
            : new Bottleneck(inPlanes, planes, stride, downsample, _options.Groups, _options.WidthPerGroup);

    private void InitWeights()
    {
        using var noGrad = torch.no_grad();
        foreach ((_, nn.Module m) in ModuleTree.NamedDescendants(this))
        {
            if (m is Conv2d conv)
                nn.init.kaiming_normal_(conv.weight!, mode: nn.init.FanInOut.FanOut, nonlinearity: nn.init.NonlinearityType.ReLU);
            else if (m is BatchNorm2d bn)
            {
                nn.init.ones_(bn.weight!);
                nn.init.zeros_(bn.bias!);
            }
        }
        if (!_options.ZeroInitResidual) return;
        foreach ((_, nn.Module m) in ModuleTree.NamedDescendants(this))
        {
            if (m is Bottleneck bottleneck) nn.init.zeros_(bottleneck.LastNorm.weight!);
            else if (m is BasicBlock basic) nn.init.zeros_(basic.LastNorm.weight!);
        }
    }
}
