using ModelZoo.Models.Layers;

namespace ModelZoo.Models.AlexNets;

/// <summary>
/// AlexNet as in torchvision (the "one weird trick" single-column variant, Krizhevsky 2014): five convolutions
/// at <c>features.{0,3,6,8,10}</c> (64-192-384-256-256 filters), ReLUs, 3×3/2 max-pools at <c>features.{2,5,12}</c>,
/// <c>avgpool</c> AdaptiveAvgPool2d(6, 6) and <c>classifier</c> = Dropout, Linear(9216, 4096), ReLU, Dropout,
/// Linear(4096, 4096), ReLU, Linear(4096, classes). 61,100,840 parameters with 1000 classes; 16 state_dict
/// entries. Smallest input 63×63 (torchvision's <c>min_size</c>). PyTorch's default layer initialisation.
/// </summary>
public sealed class AlexNet : TorchvisionClassifierModel
{
    private readonly IndexedSequential features;
    private readonly AdaptiveAvgPool2d avgpool;
    private readonly IndexedSequential classifier;

    public AlexNet(AlexNetOptions? options = null) : base(nameof(AlexNet))
    {
        Options = options ?? new AlexNetOptions();
        Options.Validate();
        features = new IndexedSequential(
            nn.Conv2d(Options.InChannels, 64, kernel_size: 11, stride: 4, padding: 2),
            nn.ReLU(),
            nn.MaxPool2d(kernel_size: 3, stride: 2),
            nn.Conv2d(64, 192, kernel_size: 5, padding: 2),
            nn.ReLU(),
            nn.MaxPool2d(kernel_size: 3, stride: 2),
            nn.Conv2d(192, 384, kernel_size: 3, padding: 1),
            nn.ReLU(),
            nn.Conv2d(384, 256, kernel_size: 3, padding: 1),
            nn.ReLU(),
            nn.Conv2d(256, 256, kernel_size: 3, padding: 1),
            nn.ReLU(),
            nn.MaxPool2d(kernel_size: 3, stride: 2));
        avgpool = nn.AdaptiveAvgPool2d((6, 6));
        classifier = AlexNetClassifier.Create(Options.Dropout, Options.NumClasses);
        RegisterComponents();
    }

    public AlexNetOptions Options { get; }

    public override ImageClassifier NewInstance() => new AlexNet(Options with { NumClasses = NumClasses, InChannels = InChannels });
    private protected override IndexedSequential FeatureLayers => features;
    private protected override IndexedSequential ClassifierLayers => classifier;
    public override int MinInputSize => 63;

    public override IReadOnlyList<FeatureInfo> FeatureInfo { get; } = new[]
    {
        new FeatureInfo("features.2", 64, 8), new FeatureInfo("features.5", 192, 16), new FeatureInfo("features.12", 256, 32),
    };

    private protected override Tensor Flatten(Tensor features)
    {
        using Tensor pooled = avgpool.call(features);
        return pooled.flatten(1);
    }
}
