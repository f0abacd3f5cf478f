using ModelZoo.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelZoo.Cam.Tests.Support;

/// <summary>
/// A network small enough to compute every CAM by hand: one grayscale 3×3 input x, <c>conv</c> = a 1×1 convolution to
/// K = 2 channels (A_k(p) = a_k x(p) + b_k, no nonlinearity), then either flatten → Linear(18, 2) (logit_c =
/// Σ_{k,p} W[c, 9k + p] A_k(p) + bias_c, so ∂logit_c/∂A_k(p) = W[c, 9k + p]) or global average pooling → Linear(2, 2).
/// All weights are fixed numbers (<see cref="ConvWeight"/>, ...), reproduced in plain doubles by the tests.
/// </summary>
internal sealed class HandNet : ImageClassifier
{
    public const int Size = 3, K = 2, Classes = 2;
    public static readonly double[] ConvWeight = { 1.5, -0.8 };
    public static readonly double[] ConvBias = { 0.1, 0.3 };
    public static readonly double[] FcBias = { 0.05, -0.02 };
    public static readonly double[] Input = { 0.2, -0.5, 1.0, 0.7, 0.1, -0.3, 0.4, 0.9, -0.8 };

    private readonly Conv2d conv;
    private readonly Linear fc;
    private readonly bool _gap;

    public HandNet(bool gap) : base(gap ? "HandGapNet" : "HandNet")
    {
        _gap = gap;
        conv = nn.Conv2d(1, K, 1);
        fc = nn.Linear(gap ? K : K * Size * Size, Classes);
        RegisterComponents();
        using var noGrad = torch.no_grad();
        conv.weight!.copy_(torch.tensor(ConvWeight.Select(v => (float)v).ToArray(), new long[] { K, 1, 1, 1 }));
        conv.bias!.copy_(torch.tensor(ConvBias.Select(v => (float)v).ToArray()));
        int inputs = gap ? K : K * Size * Size;
        fc.weight!.copy_(torch.tensor(Enumerable.Range(0, Classes * inputs).Select(i => (float)FcWeight(i / inputs, i % inputs)).ToArray(), new long[] { Classes, inputs }));
        fc.bias!.copy_(torch.tensor(FcBias.Select(v => (float)v).ToArray()));
    }

    /// <summary>W[c, j] = 0.5 sin(1.3 j + 0.7 c) + 0.1 (the float32 value, as the model holds it).</summary>
    public static double FcWeight(int c, int j) => (float)(0.5 * Math.Sin(1.3 * j + 0.7 * c) + 0.1);

    /// <summary>The input (or <paramref name="values"/>) as the model's [1, 1, 3, 3] tensor.</summary>
    public static Tensor InputTensor(double[]? values = null) =>
        torch.tensor((values ?? Input).Select(v => (float)v).ToArray(), new long[] { 1, 1, Size, Size });

    public override int NumClasses => Classes;
    public override int MinInputSize => 1;
    public override (int Height, int Width)? FixedInputSize => _gap ? null : (Size, Size);
    public override string StemName => "conv";
    public override string ClassifierName => "fc";
    public override IReadOnlyList<FeatureInfo> FeatureInfo => new[] { new FeatureInfo("conv", K, 1) };
    public override int NumFeatures => (int)fc.in_features;

    protected override Tensor Features(Tensor input) => conv.call(input);

    public override Tensor ForwardHead(Tensor x, bool preLogits = false)
    {
        Tensor pooled = _gap ? x.mean(new long[] { 2, 3 }) : x.flatten(1);
        return preLogits ? pooled : fc.call(pooled);
    }

    public override void ResetClassifier(int numClasses) => throw new NotSupportedException();
    public override nn.Module<Tensor, Tensor> GetClassifier() => fc;
}
