using ModelZoo.Models.Layers;

namespace ModelZoo.Models.Vggs;

/// <summary>
/// VGG as in torchvision: <c>features</c> built like torchvision's <c>make_layers</c> (per convolution
/// Conv2d 3×3 pad 1 → [BatchNorm2d] → ReLU, a 2×2/2 max-pool per "M", indices counted over every module, so
/// <c>features.N</c> keys match), <c>avgpool</c> AdaptiveAvgPool2d(7, 7) and <c>classifier</c> = Linear(25088, 4096),
/// ReLU, Dropout, Linear(4096, 4096), ReLU, Dropout, Linear(4096, classes) (weights at <c>classifier.{0,3,6}</c>).
/// Smallest input 32×32 (torchvision's <c>min_size</c>).
/// </summary>
public sealed class Vgg : TorchvisionClassifierModel
{
    private readonly IndexedSequential features;
    private readonly AdaptiveAvgPool2d avgpool;
    private readonly IndexedSequential classifier;
    private readonly VggOptions _options;
    private readonly FeatureInfo[] _featureInfo;

    public Vgg(VggConfig config, bool batchNorm, VggOptions? options = null) : base("VGG")
    {
        ArgumentNullException.ThrowIfNull(config);
        _options = options ?? new VggOptions();
        _options.Validate();
        Config = config;
        BatchNorm = batchNorm;
        (features, _featureInfo) = MakeLayers(config, batchNorm, _options.InChannels);
        avgpool = nn.AdaptiveAvgPool2d((7, 7));
        classifier = new IndexedSequential(
            nn.Linear(config.OutChannels * 7 * 7, 4096),
            nn.ReLU(),
            nn.Dropout(_options.Dropout),
            nn.Linear(4096, 4096),
            nn.ReLU(),
            nn.Dropout(_options.Dropout),
            ClassifierHead.Create(4096, _options.NumClasses));
        RegisterComponents();
        if (_options.InitWeights) InitWeights();
    }

    /// <summary>The layer configuration (A, B, D or E).</summary>
    public VggConfig Config { get; }

    /// <summary>True when every convolution is followed by a BatchNorm2d (the *_bn variants).</summary>
    public bool BatchNorm { get; }

    public VggOptions Options => _options;

    public override ImageClassifier NewInstance() => new Vgg(Config, BatchNorm, _options with { NumClasses = NumClasses, InChannels = InChannels, InitWeights = false });
    private protected override IndexedSequential FeatureLayers => features;
    private protected override IndexedSequential ClassifierLayers => classifier;
    public override int MinInputSize => 32;
    public override IReadOnlyList<FeatureInfo> FeatureInfo => _featureInfo;

    private protected override Tensor Flatten(Tensor features)
    {
        using Tensor pooled = avgpool.call(features);
        return pooled.flatten(1);
    }

    private protected override void InitHead(Linear head) => InitLinear(head);

    /// <summary>torchvision's <c>make_layers</c>; also returns the feature stages (each max-pool's output).</summary>
    private static (IndexedSequential Features, FeatureInfo[] Stages) MakeLayers(VggConfig config, bool batchNorm, int inChannels)
    {
        var layers = new List<nn.Module<Tensor, Tensor>>();
        var stages = new List<FeatureInfo>();
        long channels = inChannels;
        int reduction = 1;
        foreach (int v in config.Layers)
        {
            if (v == VggConfig.MaxPool)
            {
                layers.Add(nn.MaxPool2d(kernel_size: 2, stride: 2));
                reduction *= 2;
                stages.Add(new FeatureInfo($"features.{layers.Count - 1}", (int)channels, reduction));
                continue;
            }
            if (v < 0) throw new ArgumentException($"VGG configuration {config.Name} has a negative channel count {v}.", nameof(config));
            layers.Add(nn.Conv2d(channels, v, kernel_size: 3, padding: 1));
            if (batchNorm) layers.Add(nn.BatchNorm2d(v));
            layers.Add(nn.ReLU());
            channels = v;
        }
        return (new IndexedSequential(layers.ToArray()), stages.ToArray());
    }

    /// <summary>torchvision's VGG initialisation.</summary>
    private void InitWeights()
    {
        using var noGrad = torch.no_grad();
        foreach (nn.Module module in modules())
        {
            switch (module)
            {
                case Conv2d conv:
                    nn.init.kaiming_normal_(conv.weight, mode: nn.init.FanInOut.FanOut, nonlinearity: nn.init.NonlinearityType.ReLU);
                    if (conv.bias is not null) nn.init.zeros_(conv.bias);
                    break;
                case BatchNorm2d bn:
                    nn.init.ones_(bn.weight);
                    nn.init.zeros_(bn.bias);
                    break;
                case Linear linear:
                    InitLinear(linear);
                    break;
            }
        }
    }

    private static void InitLinear(Linear linear)
    {
        using var noGrad = torch.no_grad();
        nn.init.normal_(linear.weight, 0.0, 0.01);
        if (linear.bias is not null) nn.init.zeros_(linear.bias);
    }
}
