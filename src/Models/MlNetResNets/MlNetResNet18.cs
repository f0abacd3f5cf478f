using ModelZoo.Core.Preprocessing;

namespace ModelZoo.Models.MlNetResNets;

/// <summary>
/// The ImageNet-trained ResNet-18 backbone that ML.NET's <c>DnnImageFeaturizer</c> ships (NuGet package
/// <see cref="PackageId"/> <see cref="PackageVersion"/>, file <see cref="FileName"/>): exported by CNTK 2.6, a ResNet-18
/// whose last stage has three basic blocks (<see cref="Layers"/> [2, 2, 2, 3]), BN ε 1e-5, ending at global average
/// pooling (no classifier). Its companion <c>ResNetPreprocess.onnx</c> takes 0–255 RGB, swaps to BGR and subtracts a
/// 224×224 mean image; ModelZoo takes RGB (the swap is folded into <c>conv1</c> at import) and approximates the mean image
/// by its per-channel means (<see cref="Preset"/>: mean = channel mean / 255, std = 1/255 on [0, 1] pixels).
/// </summary>
public static class MlNetResNet18
{
    /// <summary>The NuGet package that ships the file.</summary>
    public const string PackageId = "Microsoft.ML.DnnImageFeaturizer.ResNet18";

    /// <summary>The package version the figures were measured with.</summary>
    public const string PackageVersion = "0.23.1";

    /// <summary>Path of the backbone inside the package.</summary>
    public const string FileName = "tools/DnnImageModels/ResNet18Onnx/ResNet18.onnx";

    /// <summary>Basic blocks per stage (torchvision's ResNet-18 has [2, 2, 2, 2]).</summary>
    public static IReadOnlyList<int> Layers { get; } = new[] { 2, 2, 2, 3 };

    /// <summary>Per-channel means (R, G, B, in 0–255) of the 224×224 mean image of <c>ResNetPreprocess.onnx</c>.</summary>
    public static IReadOnlyList<double> ChannelMean255 { get; } = new[] { 123.15163, 115.902885, 103.06262 };

    /// <summary>Evaluation preprocessing: resize 224, crop 224, subtract the channel means, no scaling (pixels in 0–255).</summary>
    public static InferencePreset Preset { get; } = new(224, 224, Interpolation.Bilinear,
        ChannelMean255.Select(m => m / 255.0).ToArray(), new[] { 1 / 255.0, 1 / 255.0, 1 / 255.0 });
}
