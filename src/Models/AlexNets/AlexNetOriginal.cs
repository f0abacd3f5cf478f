using ModelZoo.Models.Layers;

namespace ModelZoo.Models.AlexNets;

/// <summary>
/// AlexNet as published by Krizhevsky, Sutskever and Hinton (NIPS 2012), laid out like torchvision's modules:
/// <list type="bullet">
/// <item><c>features</c>: conv1 96×11×11/4 → ReLU → LRN → max-pool 3×3/2 (overlapping) → conv2 256×5×5 pad 2 →
/// ReLU → LRN → max-pool → conv3 384×3×3 → ReLU → conv4 384×3×3 → ReLU → conv5 256×3×3 → ReLU → max-pool
/// (convolutions at <c>features.{0,4,8,10,12}</c>, LRNs at <c>features.{2,6}</c>, pools at <c>features.{3,7,14}</c>).</item>
/// <item>Local Response Normalization with the paper's n = 5, α = 1e-4, β = 0.75, k = 2, in PyTorch's convention
/// (α divided by n, as in Krizhevsky's cuda-convnet and Caffe's reference model).</item>
/// <item><c>classifier</c>: Dropout 0.5 → fc6 9216→4096 → ReLU → Dropout 0.5 → fc7 4096→4096 → ReLU → fc8
/// (<c>classifier.{1,4,6}</c>, the keys of torchvision's variant).</item>
/// <item>Two groups on conv2, conv4 and conv5 (the two-GPU connectivity) by default: 60,965,224 parameters with
/// 1000 classes; 62,378,344 in one column (<see cref="AlexNetOriginalOptions.TwoGroups"/> = false).</item>
/// <item>Input exactly 227×227 (conv1 unpadded) or 224×224 (conv1 padded by 2); there is no adaptive pooling,
/// fc6 takes the 6×6×256 map as in the paper.</item>
/// <item>The paper's initialisation: weights N(0, 0.01²); biases 1 in conv2, conv4, conv5, fc6 and fc7, 0 elsewhere.</item>
/// </list>
/// </summary>
public sealed class AlexNetOriginal : TorchvisionClassifierModel
{
    private readonly IndexedSequential features;
    private readonly IndexedSequential classifier;

    public AlexNetOriginal(AlexNetOriginalOptions? options = null) : base(nameof(AlexNetOriginal))
    {
        Options = options ?? new AlexNetOriginalOptions();
        Options.Validate();
        int groups = Options.TwoGroups ? 2 : 1;
        features = new IndexedSequential(
            nn.Conv2d(Options.InChannels, 96, kernel_size: 11, stride: 4, padding: Options.InputSize == 224 ? 2 : 0),
            nn.ReLU(),
            Lrn(),
            nn.MaxPool2d(kernel_size: 3, stride: 2),
            nn.Conv2d(96, 256, kernel_size: 5, padding: 2, groups: groups),
            nn.ReLU(),
            Lrn(),
            nn.MaxPool2d(kernel_size: 3, stride: 2),
            nn.Conv2d(256, 384, kernel_size: 3, padding: 1),
            nn.ReLU(),
            nn.Conv2d(384, 384, kernel_size: 3, padding: 1, groups: groups),
            nn.ReLU(),
            nn.Conv2d(384, 256, kernel_size: 3, padding: 1, groups: groups),
            nn.ReLU(),
            nn.MaxPool2d(kernel_size: 3, stride: 2));
        classifier = AlexNetClassifier.Create(Options.Dropout, Options.NumClasses);
        RegisterComponents();
        InitWeights();
    }

    public AlexNetOriginalOptions Options { get; }

    public override ImageClassifier NewInstance() => new AlexNetOriginal(Options with { NumClasses = NumClasses, InChannels = InChannels });
    private protected override IndexedSequential FeatureLayers => features;
    private protected override IndexedSequential ClassifierLayers => classifier;
    public override int MinInputSize => Options.InputSize;
    public override (int Height, int Width)? FixedInputSize => (Options.InputSize, Options.InputSize);

    public override IReadOnlyList<FeatureInfo> FeatureInfo { get; } = new[]
    {
        new FeatureInfo("features.3", 96, 8), new FeatureInfo("features.7", 256, 16), new FeatureInfo("features.14", 256, 32),
    };

    private protected override Tensor Flatten(Tensor features) => features.flatten(1);

    private protected override void InitHead(Linear head) => InitLayer(head.weight, head.bias, 0.0);

    private static LocalResponseNorm Lrn() => nn.LocalResponseNorm(size: 5, alpha: 1e-4, beta: 0.75, k: 2.0);

    /// <summary>Weights N(0, 0.01²); biases 1 for conv2, conv4, conv5, fc6, fc7 and 0 for conv1, conv3, fc8.</summary>
    private void InitWeights()
    {
        (Parameter Weight, Parameter? Bias, double BiasValue)[] layers =
        {
            Conv(features[0], 0.0), Conv(features[4], 1.0), Conv(features[8], 0.0), Conv(features[10], 1.0), Conv(features[12], 1.0),
            Fc(classifier[1], 1.0), Fc(classifier[4], 1.0),
        };
        foreach ((Parameter weight, Parameter? bias, double value) in layers) InitLayer(weight, bias, value);
        if (classifier[6] is Linear head) InitLayer(head.weight, head.bias, 0.0);
    }

    private static (Parameter, Parameter?, double) Conv(nn.Module<Tensor, Tensor> m, double bias) => (((Conv2d)m).weight, ((Conv2d)m).bias, bias);

    private static (Parameter, Parameter?, double) Fc(nn.Module<Tensor, Tensor> m, double bias) => (((Linear)m).weight, ((Linear)m).bias, bias);

    private static void InitLayer(Parameter weight, Parameter? bias, double biasValue)
    {
        using (torch.no_grad())
        {
            nn.init.normal_(weight, 0.0, 0.01);
            if (bias is not null) nn.init.constant_(bias, biasValue);
        }
    }
}
