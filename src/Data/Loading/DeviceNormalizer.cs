using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Data.Loading;

/// <summary>Turns a uint8 batch ([N, C, H, W], from <see cref="ImageTensorFormat.UInt8"/>) into normalised float32 on
/// the target device: moving bytes is 4× cheaper than moving floats, and the arithmetic runs on the device.</summary>
public static class DeviceNormalizer
{
    /// <summary>((x / 255) − mean[c]) / std[c], computed on <paramref name="device"/> (default: where the input is).
    /// Returns a new tensor; the input is not disposed.</summary>
    public static Tensor Normalize(Tensor inputs, IReadOnlyList<double> mean, IReadOnlyList<double> std, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (inputs.dim() != 4 || inputs.shape[1] != mean.Count || mean.Count != std.Count)
            throw new ArgumentException(
                $"Expected an [N, C, H, W] batch with C = {mean.Count} (one mean and one std per channel); got [{string.Join(", ", inputs.shape)}] " +
                $"with {mean.Count} means and {std.Count} stds.", nameof(inputs));
        if (std.Any(s => s == 0 || double.IsNaN(s))) throw new ArgumentException("Every std must be non-zero.", nameof(std));
        device ??= inputs.device;
        using var scope = torch.NewDisposeScope();
        Tensor x = inputs.to(device).to_type(ScalarType.Float32).div(255); // out of place: never touches the input
        Tensor m = torch.tensor(mean.Select(v => (float)v).ToArray(), device: device).view(1, -1, 1, 1);
        Tensor s = torch.tensor(std.Select(v => (float)v).ToArray(), device: device).view(1, -1, 1, 1);
        return x.sub_(m).div_(s).MoveToOuterDisposeScope();
    }
}
