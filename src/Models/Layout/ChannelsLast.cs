namespace ModelZoo.Models.Layout;

/// <summary>
/// Channels-last strides in TorchSharp, which has no <c>contiguous(memory_format=...)</c>: a 4-D tensor gets NHWC strides
/// through <c>permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2)</c> (same shape and values). libtorch's convolution,
/// batch norm, ReLU, add, max/average/adaptive pooling and cat keep the layout of their inputs, so converting the input
/// and the convolution weights once is enough for a whole CNN to run channels-last; flatten before a linear layer
/// copies back to the logical order.
/// </summary>
public static class ChannelsLast
{
    /// <summary>The smallest first-convolution width for which <see cref="MemoryFormat.Auto"/> picks channels-last: with
    /// only a handful of channels per pixel (LeNet's 1 → 6 → 16) the NHWC kernels have nothing to vectorise over.</summary>
    public const int AutoMinStemChannels = 32;

    /// <summary>True when <paramref name="tensor"/> is 4-D with NHWC strides (a tensor with one channel or 1×1 pixels is both).</summary>
    public static bool IsChannelsLast(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.dim() != 4) return false;
        long[] s = tensor.stride(), n = tensor.shape;
        long c = n[1], h = n[2], w = n[3];
        return (c == 1 || s[1] == 1) && (w == 1 || s[3] == c) && (h == 1 || s[2] == c * w) && (n[0] == 1 || s[0] == c * h * w);
    }

    /// <summary>A channels-last copy of a 4-D tensor (the tensor itself, as a new handle, when it already is); other ranks
    /// are returned as an alias unchanged.</summary>
    public static Tensor ToChannelsLast(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.dim() != 4 || IsChannelsLast(tensor)) return tensor.alias();
        using Tensor nhwc = tensor.permute(0, 2, 3, 1);
        using Tensor dense = nhwc.contiguous();
        return dense.permute(0, 3, 1, 2);
    }

    /// <summary>The concrete format <paramref name="format"/> means for <paramref name="model"/>: Auto is channels-last when
    /// the stem convolution has at least <see cref="AutoMinStemChannels"/> output channels.</summary>
    public static MemoryFormat Resolve(MemoryFormat format, ImageClassifier model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (format != MemoryFormat.Auto) return format;
        Conv2d? stem = model.modules().OfType<Conv2d>().FirstOrDefault();
        return stem is not null && stem.out_channels >= AutoMinStemChannels ? MemoryFormat.ChannelsLast : MemoryFormat.Contiguous;
    }

    /// <summary>Gives every 4-D parameter and buffer of <paramref name="module"/> channels-last strides
    /// (<paramref name="channelsLast"/> true) or NCHW strides (false) in place: the same <see cref="Parameter"/> objects,
    /// so optimizers and callers holding them see the change; existing gradients follow their parameter. Values never
    /// change. Returns how many parameters and buffers were re-laid out.</summary>
    public static int ConvertModule(nn.Module module, bool channelsLast)
    {
        ArgumentNullException.ThrowIfNull(module);
        int changed = 0;
        using var noGrad = torch.no_grad();
        foreach ((string _, Parameter p) in module.named_parameters())
        {
            if (!Relayout(p, channelsLast)) continue;
            changed++;
            using Tensor? grad = p.grad;
            if (grad is not null) Relayout(grad, channelsLast);
        }
        foreach ((string _, Tensor b) in module.named_buffers())
            if (Relayout(b, channelsLast)) changed++;
        return changed;
    }

    /// <summary>Re-lays out <paramref name="tensor"/> in place (<c>set_</c> onto a copy with the target strides); false when it
    /// is not 4-D or already in the target layout.</summary>
    public static bool Relayout(Tensor tensor, bool channelsLast)
    {
        if (tensor.dim() != 4) return false;
        bool isLast = IsChannelsLast(tensor), isDense = tensor.is_contiguous();
        if (channelsLast ? isLast : isDense) return false;
        using Tensor detached = tensor.detach();
        using Tensor target = channelsLast ? ToChannelsLast(detached) : detached.contiguous();
        tensor.set_(target);   // returns tensor itself (TorchSharp's in-place ops return this): not disposed
        return true;
    }
}
