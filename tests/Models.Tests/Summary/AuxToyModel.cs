using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.Summary;

/// <summary>A small classifier with a GoogLeNet-like auxiliary head: in training mode with
/// <see cref="IAuxiliaryOutputs.ForwardWithAuxiliary"/> the head <c>aux</c> runs, in eval mode it does not.
/// It also calls one ReLU module twice, like torchvision's ResNet blocks.</summary>
internal sealed class AuxToyModel : ImageClassifier, IAuxiliaryOutputs
{
    private readonly Conv2d conv;
    private readonly BatchNorm2d bn;
    private readonly ReLU relu;
    private readonly Conv2d conv2;
    private readonly AdaptiveAvgPool2d pool;
    private readonly Linear aux;
    private readonly Linear fc;

    public AuxToyModel() : base(nameof(AuxToyModel))
    {
        conv = nn.Conv2d(3, 8, 3, padding: 1, bias: false);   // 216 params
        bn = nn.BatchNorm2d(8);                                 // 16 params, buffers 8 + 8 + 1
        relu = nn.ReLU();
        conv2 = nn.Conv2d(8, 8, 3, stride: 2, groups: 2);       // 8·4·9 + 8 = 296 params
        pool = nn.AdaptiveAvgPool2d(1);
        aux = nn.Linear(8, 5);                                  // 45 params
        fc = nn.Linear(8, 5);                                   // 45 params
        RegisterComponents();
    }

    public override int NumClasses => 5;
    public override int InChannels => 3;
    public override int MinInputSize => 3;
    public override string StemName => "conv";
    public override string ClassifierName => "fc";
    public override IReadOnlyList<FeatureInfo> FeatureInfo { get; } = new[] { new FeatureInfo("conv2", 8, 2) };
    public override int NumFeatures => 8;
    public bool HasActiveAuxiliaryHeads => training;

    protected override Tensor Features(Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = relu.call(bn.call(conv.call(input)));
        x = relu.call(conv2.call(x));
        return x.MoveToOuterDisposeScope();
    }

    public override Tensor ForwardHead(Tensor features, bool preLogits = false)
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = pool.call(features).flatten(1);
        return (preLogits ? x : fc.call(x)).MoveToOuterDisposeScope();
    }

    public ModelOutput ForwardWithAuxiliary(Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        Tensor features = ForwardFeatures(input);
        Tensor pooled = pool.call(features).flatten(1);
        Tensor auxLogits = aux.call(pooled);
        Tensor logits = fc.call(pooled);
        return new ModelOutput(logits.MoveToOuterDisposeScope(),
            new[] { new AuxiliaryLogits("aux", auxLogits.MoveToOuterDisposeScope(), 0.3) });
    }

    public override void ResetClassifier(int numClasses) => throw new NotSupportedException();
    public override nn.Module<Tensor, Tensor> GetClassifier() => fc;
}
