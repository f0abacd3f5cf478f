using System.Collections;
using System.Reflection;

namespace ModelZoo.Models;

/// <summary>
/// Replaces a registered child module in place (PyTorch's <c>setattr(parent, name, module)</c>): the child keeps its
/// position, so state_dict order is unchanged. TorchSharp refuses to register a name twice, and
/// <see cref="nn.Module"/> keeps children in non-public collections; this is the one place that touches them.
/// Callers that also hold the child in a field must update the field themselves.
/// </summary>
public static class ModuleSurgery
{
    private static readonly FieldInfo s_submodules = typeof(nn.Module)
        .GetField("_internal_submodules", BindingFlags.NonPublic | BindingFlags.Instance)
        ?? throw new MissingFieldException("TorchSharp.nn.Module._internal_submodules not found: unsupported TorchSharp version.");

    /// <summary>Replaces the child at <paramref name="path"/> (dotted, e.g. "classifier.6") of <paramref name="root"/>,
    /// moving the replacement to the device of the module it replaces; returns the replaced module (not disposed).</summary>
    public static nn.Module Replace(nn.Module root, string path, nn.Module replacement)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(replacement);
        string[] parts = (path ?? throw new ArgumentNullException(nameof(path))).Split('.');
        nn.Module parent = root;
        for (int i = 0; i < parts.Length - 1; i++) parent = Child(parent, parts[i], path);
        string name = parts[^1];
        nn.Module old = Child(parent, name, path);
        Tensor? reference = old.parameters().FirstOrDefault() ?? (Tensor?)old.buffers().FirstOrDefault();
        if (reference is not null) replacement.to(reference.device);

        dynamic children = s_submodules.GetValue(parent)!;
        children[name] = replacement;
        // Sequential runs its children from a private list beside the ordered dict.
        if (parent.GetType().GetField("_modules", BindingFlags.NonPublic | BindingFlags.Instance) is { } listField
            && parent.GetType().GetField("_names", BindingFlags.NonPublic | BindingFlags.Instance) is { } namesField
            && listField.GetValue(parent) is IList list && namesField.GetValue(parent) is IList names)
        {
            int index = names.IndexOf(name);
            if (index >= 0) list[index] = replacement;
        }
        return old;
    }

    /// <summary>Like <see cref="Replace"/>, and also points every field of the parent that holds the replaced module at the
    /// replacement, for children the zoo's models call through private fields (<c>bn1.call(x)</c>). Checks first and changes
    /// nothing when such a field's type cannot hold <paramref name="replacement"/>; returns the replaced module (not disposed).</summary>
    public static nn.Module ReplaceAndRebind(nn.Module root, string path, nn.Module replacement)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(replacement);
        int dot = (path ?? throw new ArgumentNullException(nameof(path))).LastIndexOf('.');
        nn.Module parent = root;
        if (dot >= 0) foreach (string part in path[..dot].Split('.')) parent = Child(parent, part, path);
        nn.Module old = Child(parent, path[(dot + 1)..], path);
        var fields = new List<FieldInfo>();
        for (Type? type = parent.GetType(); type is not null && type != typeof(nn.Module); type = type.BaseType)
            foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                if (!field.FieldType.IsValueType && ReferenceEquals(field.GetValue(parent), old))
                {
                    if (!field.FieldType.IsInstanceOfType(replacement))
                        throw new InvalidOperationException($"Cannot replace '{path}': {parent.GetType().Name}.{field.Name} is a {field.FieldType.Name} and cannot hold a {replacement.GetType().Name}.");
                    fields.Add(field);
                }
        Replace(root, path, replacement);
        foreach (FieldInfo field in fields) field.SetValue(parent, replacement);
        return old;
    }

    /// <summary>The registered child <paramref name="name"/> of <paramref name="parent"/>.</summary>
    public static nn.Module Child(nn.Module parent, string name, string? fullPath = null)
    {
        foreach ((string childName, nn.Module child) in parent.named_children())
            if (childName == name) return child;
        throw new KeyNotFoundException(
            $"No submodule '{name}'{(fullPath is null ? "" : $" (in path '{fullPath}')")}; children are: {string.Join(", ", parent.named_children().Select(c => c.name))}.");
    }
}
