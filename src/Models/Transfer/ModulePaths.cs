using static TorchSharp.torch;

namespace ModelZoo.Models.Transfer;

/// <summary>Resolves dotted module paths ("layer1", "layer2.0.conv1", "classifier.6") in a module tree.</summary>
internal static class ModulePaths
{
    /// <summary>The module at <paramref name="path"/> ("" = the root); throws <see cref="KeyNotFoundException"/>
    /// naming the missing part and the children that exist there.</summary>
    public static nn.Module Resolve(nn.Module root, string path)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0) return root;
        nn.Module current = root;
        string walked = "";
        foreach (string part in path.Split('.'))
        {
            nn.Module? next = null;
            foreach ((string name, nn.Module child) in current.named_children())
                if (name == part) { next = child; break; }
            if (next is null)
                throw new KeyNotFoundException(
                    $"{root.GetName()} has no module '{path}': '{(walked.Length == 0 ? "" : walked + ".")}{part}' does not exist. "
                    + $"Children of {(walked.Length == 0 ? "the model" : "'" + walked + "'")}: {string.Join(", ", current.named_children().Select(c => c.name))}.");
            current = next;
            walked = walked.Length == 0 ? part : walked + "." + part;
        }
        return current;
    }

    /// <summary>True when the parameter or buffer <paramref name="name"/> lies under module <paramref name="path"/>
    /// (or is <paramref name="path"/> itself).</summary>
    public static bool IsUnder(string name, string path) =>
        path.Length == 0 || name == path || name.StartsWith(path + ".", StringComparison.Ordinal);
}
