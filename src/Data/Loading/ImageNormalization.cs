using ModelZoo.Core.Preprocessing;

namespace ModelZoo.Data.Loading;

/// <summary>
/// Per-channel normalisation fused into collation: each pixel becomes (p / 255 − mean[c]) / std[c], computed in
/// float32 exactly as ToTensor followed by Normalize, but without creating per-sample tensors (so workers make
/// no libtorch calls, whose thread pools would compete with the model for the cores).
/// </summary>
public sealed record ImageNormalization
{
    public ImageNormalization(IReadOnlyList<double> mean, IReadOnlyList<double> std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (mean.Count == 0 || mean.Count != std.Count)
            throw new ArgumentException($"Give one mean and one std per channel; got {mean.Count} means and {std.Count} stds.");
        if (std.Any(s => s == 0 || double.IsNaN(s))) throw new ArgumentException("Every std must be non-zero.", nameof(std));
        Mean = mean.ToArray();
        Std = std.ToArray();
    }

    public IReadOnlyList<double> Mean { get; }
    public IReadOnlyList<double> Std { get; }

    /// <summary>ImageNet's mean and std: <see cref="DatasetStatistics.ImageNetMean"/>, <see cref="DatasetStatistics.ImageNetStd"/>.</summary>
    public static ImageNormalization ImageNet { get; } = new(DatasetStatistics.ImageNetMean, DatasetStatistics.ImageNetStd);
}
