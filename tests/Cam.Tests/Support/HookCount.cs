using System.Collections;
using System.Reflection;
using ModelZoo.Models;
using static TorchSharp.torch;

namespace ModelZoo.Cam.Tests.Support;

/// <summary>Counts the forward (pre-)hooks registered on a module tree by reading TorchSharp's hook dictionaries
/// (<c>HookableModule.pre_hooks</c>, <c>post_hooks</c>, <c>module_pre_hooks</c>, <c>module_post_hooks</c>).</summary>
internal static class HookCount
{
    public static int Of(nn.Module root) =>
        new[] { root }.Concat(ModuleTree.NamedDescendants(root).Select(d => d.Module)).Sum(OnModule);

    private static int OnModule(nn.Module module)
    {
        int count = 0, dictionaries = 0;
        for (Type? t = module.GetType(); t is not null; t = t.BaseType)
            foreach (FieldInfo field in t.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly))
                if (field.Name.Contains("hooks", StringComparison.Ordinal) && field.GetValue(module) is IDictionary hooks)
                {
                    count += hooks.Count;
                    dictionaries++;
                }
        if (dictionaries == 0 && module is nn.Module<Tensor, Tensor>)
            throw new InvalidOperationException($"Found no hook dictionaries on {module.GetType().Name}; TorchSharp's internals changed.");
        return count;
    }
}
