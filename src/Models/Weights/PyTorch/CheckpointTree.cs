using System.Numerics;
using ModelZoo.Core.Pickle;
using ModelZoo.Models.Weights.Pickle;

namespace ModelZoo.Models.Weights.PyTorch;

/// <summary>Walks an unpickled tree without recursion (pickles can nest deeper than the call stack and can hold
/// cycles), replacing every <see cref="TensorRef"/> by its tensor.</summary>
internal static class CheckpointTree
{
    /// <summary>Returns the new root; every tensor made is appended to <paramref name="created"/> (once, in order).</summary>
    public static object? Materialize(object? root, Func<TensorRef, Tensor> materialize, List<Tensor> created)
    {
        var done = new Dictionary<TensorRef, Tensor>(ReferenceEqualityComparer.Instance);
        object? Replace(object? value)
        {
            if (value is not TensorRef r) return value;
            if (!done.TryGetValue(r, out Tensor? t))
            {
                t = materialize(r);
                done[r] = t;
                created.Add(t);
            }
            return t;
        }

        object? newRoot = Replace(root);
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<object>();
        if (newRoot is not null) pending.Push(newRoot);
        while (pending.Count > 0)
        {
            object node = pending.Pop();
            if (!visited.Add(node)) continue;
            switch (node)
            {
                case PickleDict dict:
                    dict.ReplaceValues(Replace);
                    foreach (object? v in dict.Values.Concat(dict.Attributes.Values)) if (v is not null) pending.Push(v);
                    break;
                case List<object?> list:
                    for (int i = 0; i < list.Count; i++) if ((list[i] = Replace(list[i])) is { } v) pending.Push(v);
                    break;
                case object?[] tuple:
                    for (int i = 0; i < tuple.Length; i++) if ((tuple[i] = Replace(tuple[i])) is { } v) pending.Push(v);
                    break;
                case StorageRef s:
                    throw new InvalidDataException($"a bare storage ('{PrintableText.Escape(s.Key)}') outside a tensor is not supported; save tensors instead.");
            }
        }
        return newRoot;
    }

    /// <summary>A short description of a value for error messages and key listings.</summary>
    public static string Kind(object? value) => value switch
    {
        null => "None",
        Tensor t => $"tensor {t.dtype} {TensorIO.ShapeText(t.shape)}",
        PickleDict d when d.Count > 0 && d.Values.All(v => v is Tensor) => $"dict of {d.Count} tensors",
        PickleDict d => $"dict of {d.Count}",
        List<object?> l => $"list of {l.Count}",
        object?[] t => $"tuple of {t.Length}",
        string => "string",
        long or double or BigInteger or Complex => $"number {value}",
        bool b => b ? "True" : "False",
        byte[] b => $"bytes of {b.Length}",
        _ => value.GetType().Name,
    };
}
