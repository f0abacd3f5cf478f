using ModelZoo.Models.Layers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelZoo.Models.AlexNets;

/// <summary>
/// AlexNet as in torchvision (the "one weird trick" single-column variant, Krizhevsky 2014): five convolutions
/// at <c>features.{0,3,6,8,10}</c> (64-192-384-256-256 filters), ReLUs, 3×3/2 max-pools at <c>features.{2,5,12}</c>,
/// <c>avgpool</c> AdaptiveAvgPool2d(6, 6) and <c>classifier</c> = Dropout, Linear(9216, 4096), ReLU, Dropout,
/// Linear(4096, 4096), ReLU, Linear(4096, classes). 61,100,840 parameters with 1000 classes; 16 state_dict
/// entries. Smallest input 63×63 (torchvision's <c>min_size</c>). PyTorch's default layer initialisation.
/// </summary>
public sealed class AlexNet : ImageClassifier
{
    private readonly IndexedSequential features;
    private readonly AdaptiveAvgPool2d avgpool;
    private readonly IndexedSequential classifier;
    private readonly AlexNetOptions _options;

    public AlexNet(AlexNetOptions? options = null) : base(nameof(AlexNet))
    {
        _options = options ?? new AlexNetOptions();
        _options.Validate();
        features = new IndexedSequential(
            nn.Conv2d(_options.InChannels, 64, kernel_size: 11, stride: 4, padding: 2),
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
        classifier = new IndexedSequential(
            nn.Dropout(_options.Dropout),
            nn.Linear(256 * 6 * 6, 4096),
            nn.ReLU(),
            nn.Dropout(_options.Dropout),
            nn.Linear(4096, 4096),
            nn.ReLU(),
            ClassifierHead.Create(4096, _options.NumClasses));
        RegisterComponents();
    }

    public AlexNetOptions Options => _options;

    public override ImageClassifier NewInstance() => new AlexNet(_options with { NumClasses = NumClasses, InChannels = InChannels });
    /// <summary>Outputs of <c>classifier.6</c> (0 when it is an identity), read from the module itself.</summary>
    public override int NumClasses => ClassifierHead.NumClasses(classifier[6]);

    /// <summary>Input channels of the stem <c>features.0</c>, read from the module itself (so a stem swapped with
    /// <see cref="ModuleSurgery"/>, e.g. for grayscale weights, is what the input check expects).</summary>
    public override int MinInputSize => 63;
    public override string StemName => "features.0";
    public override string ClassifierName => "classifier.6";
    public override int NumFeatures => 4096;

    public override IReadOnlyList<FeatureInfo> FeatureInfo { get; } = new[]
    {
        new FeatureInfo("features.2", 64, 8), new FeatureInfo("features.5", 192, 16), new FeatureInfo("features.12", 256, 32),
    };

    protected override Tensor Features(Tensor input) => features.call(input);

    public override Tensor ForwardHead(Tensor features, bool preLogits = false)
    {
        using Tensor pooled = avgpool.call(features);
        using Tensor flat = pooled.flatten(1);
        return classifier.ForwardPrefix(flat, preLogits ? 6 : 7);
    }

    public override void ResetClassifier(int numClasses) =>
        ClassifierHead.Replace(this, ClassifierName, 4096, numClasses, ((Linear)classifier[4]).weight);

    public override nn.Module<Tensor, Tensor> GetClassifier() => classifier[6];
}
