namespace ModelZoo.Models;

/// <summary>
/// PyTorch's module traversal order. TorchSharp 0.107's <c>named_modules()</c> lists all direct children before any
/// grandchild (a module's own leaves come before its children's leaves), while PyTorch's <c>named_modules()</c> is a
/// depth-first pre-order walk. Initialisation loops must walk in PyTorch's order to draw the same random numbers as
/// torchvision for the same seed; hook and summary code should use it to list layers as PyTorch users know them.
/// </summary>
public static class ModuleTree
{
    /// <summary>Every descendant of <paramref name="root"/> (not the root itself) with its dotted path, depth-first
    /// pre-order, children in registration order — PyTorch's <c>named_modules()</c> minus the root entry.</summary>
    public static IEnumerable<(string Name, nn.Module Module)> NamedDescendants(nn.Module root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return Walk(root, "");
    }

    /// <summary>The module at the dotted <paramref name="path"/> ("layer4", "layer3.1.conv2", "features.28"; "" = the root).
    /// A wrong path throws a <see cref="KeyNotFoundException"/> naming the missing part, the children that exist there and
    /// the closest existing path ("did you mean").</summary>
    public static nn.Module Resolve(nn.Module root, string path) => Transfer.ModulePaths.Resolve(root, path);

    private static IEnumerable<(string Name, nn.Module Module)> Walk(nn.Module module, string prefix)
    {
        foreach ((string name, nn.Module child) in module.named_children())
        {
            string path = prefix + name;
            yield return (path, child);
            foreach ((string Name, nn.Module Module) descendant in Walk(child, path + "."))
                yield return descendant;
        }
    }
}
