using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelZoo.Models.Summary;

/// <summary>
/// Walks a module tree the way PyTorch does: depth-first, parent before children, children in registration
/// order. TorchSharp's own <c>named_modules()</c> is breadth-first and its <c>state_dict()</c> lists every
/// parameter before every buffer; these helpers give PyTorch's order instead (what torchvision's key lists and
/// checkpoints use).
/// </summary>
public static class ModuleTree
{
    /// <summary>Every module with its dotted path, depth-first; the root comes first with path "".</summary>
    public static IEnumerable<(string Path, nn.Module Module)> Walk(nn.Module root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return WalkFrom("", root);
    }

    /// <summary>state_dict entries (parameters and persistent buffers) in PyTorch's order: for each module
    /// depth-first, its own parameters, then its own buffers.</summary>
    public static IEnumerable<(string Key, Tensor Value)> StateDictEntries(nn.Module root)
    {
        foreach ((string path, nn.Module module) in Walk(root))
        {
            foreach ((string name, Parameter p) in module.named_parameters(recurse: false))
                yield return (Join(path, name), p);
            foreach ((string name, Tensor b) in module.named_buffers(recurse: false, include_nonpersistent: false))
                yield return (Join(path, name), b);
        }
    }

    /// <summary>True when the module has no child modules.</summary>
    public static bool IsLeaf(nn.Module module) => !module.named_children().Any();

    internal static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static IEnumerable<(string, nn.Module)> WalkFrom(string path, nn.Module module)
    {
        yield return (path, module);
        foreach ((string name, nn.Module child) in module.named_children())
            foreach ((string, nn.Module) item in WalkFrom(Join(path, name), child))
                yield return item;
    }
}
