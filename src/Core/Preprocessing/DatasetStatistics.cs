namespace ModelZoo.Core.Preprocessing;

/// <summary>
/// The per-channel mean and standard deviation (of pixels scaled to [0, 1]) that models trained on each dataset are
/// normalised with, as torchvision's references and the usual training scripts use them. The one place these numbers
/// are written; transforms, presets and dataset specs refer here.
/// </summary>
public static class DatasetStatistics
{
    /// <summary>ImageNet-1k's mean (R, G, B): 0.485, 0.456, 0.406.</summary>
    public static IReadOnlyList<double> ImageNetMean { get; } = Array.AsReadOnly(new[] { 0.485, 0.456, 0.406 });

    /// <summary>ImageNet-1k's standard deviation (R, G, B): 0.229, 0.224, 0.225.</summary>
    public static IReadOnlyList<double> ImageNetStd { get; } = Array.AsReadOnly(new[] { 0.229, 0.224, 0.225 });

    /// <summary>MNIST's mean: 0.1307.</summary>
    public static IReadOnlyList<double> MnistMean { get; } = Array.AsReadOnly(new[] { 0.1307 });

    /// <summary>MNIST's standard deviation: 0.3081.</summary>
    public static IReadOnlyList<double> MnistStd { get; } = Array.AsReadOnly(new[] { 0.3081 });

    /// <summary>Fashion-MNIST's mean: 0.2860.</summary>
    public static IReadOnlyList<double> FashionMnistMean { get; } = Array.AsReadOnly(new[] { 0.2860 });

    /// <summary>Fashion-MNIST's standard deviation: 0.3530.</summary>
    public static IReadOnlyList<double> FashionMnistStd { get; } = Array.AsReadOnly(new[] { 0.3530 });

    /// <summary>Kuzushiji-MNIST's mean: 0.1918.</summary>
    public static IReadOnlyList<double> KMnistMean { get; } = Array.AsReadOnly(new[] { 0.1918 });

    /// <summary>Kuzushiji-MNIST's standard deviation: 0.3483.</summary>
    public static IReadOnlyList<double> KMnistStd { get; } = Array.AsReadOnly(new[] { 0.3483 });
}
