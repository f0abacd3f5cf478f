namespace ModelZoo.Models;

/// <summary>
/// PyTorch's state_dict order. TorchSharp 0.107's <c>Module.state_dict</c> lists every parameter of the whole tree
/// first and every buffer after them, so a BatchNorm's running statistics end up far from its weight; PyTorch
/// walks the tree depth-first and, at each module, lists its own parameters, then its own persistent buffers,
/// then its children. Checkpoint writers and key-list contracts need PyTorch's order.
/// </summary>
public static class TorchStateDict
{
    /// <summary>The state of <paramref name="module"/> in PyTorch's order (entries share storage with the module).</summary>
    public static Dictionary<string, Tensor> InPyTorchOrder(nn.Module module, Dictionary<string, Tensor>? destination = null, string? prefix = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        destination ??= new Dictionary<string, Tensor>();
        Append(module, destination, string.IsNullOrEmpty(prefix) ? "" : prefix + ".");
        return destination;
    }

    private static void Append(nn.Module module, Dictionary<string, Tensor> destination, string prefix)
    {
        foreach ((string name, TorchSharp.Modules.Parameter parameter) in module.named_parameters(recurse: false))
            destination.TryAdd(prefix + name, parameter);
        foreach ((string name, Tensor buffer) in module.named_buffers(recurse: false, include_nonpersistent: false))
            destination.TryAdd(prefix + name, buffer);
        foreach ((string name, nn.Module child) in module.named_children())
            Append(child, destination, prefix + name + ".");
    }
}
