using ModelZoo.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelZoo.Cam.Tests.Support;

/// <summary>
/// Small classifiers implementing the model contract, as a user's own model would: <c>features</c> = three
/// conv-ReLU blocks (two 2×2 max-pools, so 1/4 resolution), then either global average pooling + one linear layer
/// (<see cref="Gap"/>, CAM-able) or a VGG-style flatten → Linear → ReLU → Linear head (<see cref="Flat"/>).
/// </summary>
internal sealed class TinyNet : ImageClassifier
{
    private readonly Sequential features;
    private readonly Sequential? hidden;
    private Linear fc;
    private readonly bool _gap;
    private readonly int _inChannels, _size, _width;

    private TinyNet(bool gap, int inChannels, int classes, int size, int width) : base(gap ? "TinyGapNet" : "TinyFlatNet")
    {
        (_gap, _inChannels, _size, _width) = (gap, inChannels, size, width);
        features = nn.Sequential(
            ("0", nn.Conv2d(inChannels, width, 3, padding: 1)), ("1", nn.ReLU()), ("2", nn.MaxPool2d(2)),
            ("3", nn.Conv2d(width, 2 * width, 3, padding: 1)), ("4", nn.ReLU()), ("5", nn.MaxPool2d(2)),
            ("6", nn.Conv2d(2 * width, 4 * width, 3, padding: 1)), ("7", nn.ReLU()));
        if (!gap) hidden = nn.Sequential(("0", nn.Linear(4L * width * (size / 4) * (size / 4), 64)), ("1", nn.ReLU()));
        fc = nn.Linear(gap ? 4 * width : 64, classes);
        RegisterComponents();
    }

    public static TinyNet Gap(int inChannels = 1, int classes = 4, int width = 8) => new(true, inChannels, classes, 0, width);

    public static TinyNet Flat(int size, int inChannels = 1, int classes = 4, int width = 8) => new(false, inChannels, classes, size, width);

    public override int NumClasses => (int)fc.out_features;
    public override int MinInputSize => 4;
    public override (int Height, int Width)? FixedInputSize => _gap ? null : (_size, _size);
    public override string StemName => "features.0";
    public override string ClassifierName => "fc";
    public override IReadOnlyList<FeatureInfo> FeatureInfo => new[] { new FeatureInfo("features", 4 * _width, 4) };
    public override int NumFeatures => _gap ? 4 * _width : 64;
    public override int InChannels => _inChannels;

    protected override Tensor Features(Tensor input) => features.call(input);

    public override Tensor ForwardHead(Tensor x, bool preLogits = false)
    {
        Tensor pooled = _gap ? x.mean(new long[] { 2, 3 }) : hidden!.call(x.flatten(1));
        return preLogits ? pooled : fc.call(pooled);
    }

    public override void ResetClassifier(int numClasses) => throw new NotSupportedException();
    public override nn.Module<Tensor, Tensor> GetClassifier() => fc;
}
