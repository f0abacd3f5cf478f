namespace ModelZoo.Models.Layout;

/// <summary>
/// Gives channels-last tensors NCHW strides for a while and restores them on <see cref="Dispose"/> (in place, so the
/// same parameter objects keep their identity). TorchSharp's <c>Module.save</c>/<c>load</c> and optimizer state files
/// read and write raw contiguous bytes and refuse other strides; saving and loading inside this scope writes exactly the
/// file a contiguous model writes, so a checkpoint from a channels-last run loads anywhere.
/// </summary>
public sealed class ContiguousScope : IDisposable
{
    private readonly List<Tensor> _converted = new();
    private readonly List<Tensor> _owned;

    private ContiguousScope(IEnumerable<Tensor> tensors, List<Tensor> owned)
    {
        _owned = owned;
        using var noGrad = torch.no_grad();
        foreach (Tensor t in tensors)
            if (t.dim() == 4 && !t.is_contiguous() && ChannelsLast.IsChannelsLast(t) && ChannelsLast.Relayout(t, channelsLast: false))
                _converted.Add(t);
    }

    /// <summary>How many tensors were made contiguous (and will be restored).</summary>
    public int Count => _converted.Count;

    /// <summary>A scope over the parameters, their gradients and the buffers of <paramref name="module"/>, plus
    /// <paramref name="more"/> (e.g. optimizer state).</summary>
    public static ContiguousScope For(nn.Module module, IEnumerable<Tensor>? more = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        var tensors = new List<Tensor>();
        var grads = new List<Tensor>();   // p.grad hands out a new handle each time: ours to dispose
        foreach (TorchSharp.Modules.Parameter p in module.parameters())
        {
            tensors.Add(p);
            if (p.grad is { } grad) grads.Add(grad);
        }
        tensors.AddRange(grads);
        tensors.AddRange(module.buffers());
        if (more is not null) tensors.AddRange(more);
        return new ContiguousScope(tensors, grads);
    }

    public void Dispose()
    {
        using var noGrad = torch.no_grad();
        foreach (Tensor t in _converted) ChannelsLast.Relayout(t, channelsLast: true);
        _converted.Clear();
        foreach (Tensor t in _owned) t.Dispose();
        _owned.Clear();
    }
}
