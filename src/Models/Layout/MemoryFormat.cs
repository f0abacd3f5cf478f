namespace ModelZoo.Models.Layout;

/// <summary>How 4-D activations and convolution weights are laid out in memory. The values and shapes ([N, C, H, W],
/// [O, I, kH, kW]) never change, only the strides: <see cref="Contiguous"/> is PyTorch's default NCHW order,
/// <see cref="ChannelsLast"/> keeps the channels of one pixel together (NHWC), which oneDNN's convolutions run faster.</summary>
public enum MemoryFormat
{
    /// <summary>Channels-last for models whose convolutions are wide enough to profit (see <see cref="ChannelsLast.Resolve"/>), else contiguous.</summary>
    Auto,

    /// <summary>PyTorch's default NCHW strides.</summary>
    Contiguous,

    /// <summary>NHWC strides for 4-D tensors (PyTorch's <c>torch.channels_last</c>).</summary>
    ChannelsLast,
}
