namespace ModelZoo.Models.Summary;

/// <summary>
/// Multiply-accumulates of one layer call, counted the way torchvision's published GFLOPS are: convolutions and
/// linear layers only (bias additions, batch norm, activations and pooling count 0).
/// <list type="bullet">
/// <item>Convolution: output elements × (in_channels / groups) × kernel elements.</item>
/// <item>Transposed convolution: input elements × (out_channels / groups) × kernel elements.</item>
/// <item>Linear: output elements × in_features (every leading dimension counts).</item>
/// <item>A layer implementing <see cref="IMacCountable"/>: its own count.</item>
/// </list>
/// </summary>
public static class MacCounter
{
    /// <summary>MACs of <paramref name="module"/> for one call; 0 for layer types without multiply-accumulates.</summary>
    public static long Count(nn.Module module, Tensor input, Tensor output)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        switch (module)
        {
            case IMacCountable custom:
                return custom.CountMacs(input, output);
            case Convolution conv when conv.transposed:
                return input.numel() * (conv.out_channels / conv.groups) * Product(conv.kernel_size);
            case Convolution conv:
                return output.numel() * (conv.in_channels / conv.groups) * Product(conv.kernel_size);
            case Linear linear:
                return output.numel() * linear.in_features;
            default:
                return 0;
        }
    }

    private static long Product(long[] values)
    {
        long p = 1;
        foreach (long v in values) p *= v;
        return p;
    }
}
