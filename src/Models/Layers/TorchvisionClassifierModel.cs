namespace ModelZoo.Models.Layers;

/// <summary>
/// The layout torchvision's AlexNet and VGG share: a <c>features</c> Sequential whose first layer is the stem
/// (<c>features.0</c>) and a <c>classifier</c> Sequential of seven layers whose last, <c>classifier.6</c>, is the final
/// Linear(4096, classes) (an identity for 0 classes). The head side of the <see cref="ImageClassifier"/> contract is
/// written here once; each model keeps its own registered fields (state_dict keys) and hands them over through
/// <see cref="FeatureLayers"/> and <see cref="ClassifierLayers"/>.
/// </summary>
public abstract class TorchvisionClassifierModel : ImageClassifier
{
    private const int HeadIndex = 6;

    private protected TorchvisionClassifierModel(string name) : base(name) { }

    /// <summary>The registered <c>features</c> Sequential.</summary>
    private protected abstract IndexedSequential FeatureLayers { get; }

    /// <summary>The registered <c>classifier</c> Sequential.</summary>
    private protected abstract IndexedSequential ClassifierLayers { get; }

    /// <summary>Outputs of <c>classifier.6</c> (0 when it is an identity), read from the module itself.</summary>
    public override int NumClasses => ClassifierHead.NumClasses(ClassifierLayers[HeadIndex]);

    public override string StemName => "features.0";
    public override string ClassifierName => "classifier.6";
    public override int NumFeatures => 4096;

    protected override Tensor Features(Tensor input) => FeatureLayers.call(input);

    /// <summary>The features as the [N, C·h·w] vector that enters <c>classifier.0</c> (pooled where the model pools).</summary>
    private protected abstract Tensor Flatten(Tensor features);

    public override Tensor ForwardHead(Tensor features, bool preLogits = false)
    {
        using Tensor flat = Flatten(features);
        return ClassifierLayers.ForwardPrefix(flat, preLogits ? HeadIndex : HeadIndex + 1);
    }

    /// <summary>Initialises a head that <see cref="ResetClassifier"/> builds; by default PyTorch's Linear initialisation is kept.</summary>
    private protected virtual void InitHead(Linear head) { }

    public override void ResetClassifier(int numClasses) =>
        ClassifierHead.Replace(this, ClassifierName, NumFeatures, numClasses, ClassifierLayers.parameters().First(), InitHead);

    public override nn.Module<Tensor, Tensor> GetClassifier() => ClassifierLayers[HeadIndex];
}
