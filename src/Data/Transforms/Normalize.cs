using ModelZoo.Core.Preprocessing;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Data.Transforms;

/// <summary>(x − mean[c]) / std[c] per channel of a float [C, H, W] (or [N, C, H, W]) tensor.</summary>
public sealed class Normalize : Transform<Tensor, Tensor>
{
    public Normalize(IReadOnlyList<double> mean, IReadOnlyList<double> std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (mean.Count == 0 || mean.Count != std.Count)
            throw new ArgumentException($"Normalize needs one mean and one std per channel; got {mean.Count} means and {std.Count} stds.");
        if (std.Any(s => s == 0 || double.IsNaN(s)))
            throw new ArgumentException("Normalize: every std must be non-zero.", nameof(std));
        Mean = mean.ToArray();
        Std = std.ToArray();
    }

    public IReadOnlyList<double> Mean { get; }
    public IReadOnlyList<double> Std { get; }

    /// <summary>ImageNet's mean and std (RGB): <see cref="DatasetStatistics.ImageNetMean"/>, <see cref="DatasetStatistics.ImageNetStd"/>.</summary>
    public static Normalize ImageNet() => new(DatasetStatistics.ImageNetMean, DatasetStatistics.ImageNetStd);

    /// <summary>MNIST's mean and std: <see cref="DatasetStatistics.MnistMean"/>, <see cref="DatasetStatistics.MnistStd"/>.</summary>
    public static Normalize Mnist() => new(DatasetStatistics.MnistMean, DatasetStatistics.MnistStd);

    public override Tensor Apply(Tensor input, Random random)
    {
        if (!input.is_floating_point())
            throw new ArgumentException($"Normalize expects a floating-point tensor; got {input.dtype}. Apply ToTensor first.", nameof(input));
        int channelDim = (int)input.dim() - 3;
        if (channelDim < 0 || input.shape[channelDim] != Mean.Count)
            throw new ArgumentException(
                $"Normalize was built for {Mean.Count} channel(s) and expects [C, H, W] or [N, C, H, W] with C = {Mean.Count}; got [{string.Join(", ", input.shape)}].", nameof(input));
        using Tensor mean = torch.tensor(Mean.Select(m => (float)m).ToArray(), dtype: input.dtype, device: input.device).view(-1, 1, 1);
        using Tensor std = torch.tensor(Std.Select(s => (float)s).ToArray(), dtype: input.dtype, device: input.device).view(-1, 1, 1);
        using Tensor centred = input - mean;
        return centred / std;
    }

    public override string ToString() => $"Normalize(mean=[{string.Join(", ", Mean)}], std=[{string.Join(", ", Std)}])";
}
