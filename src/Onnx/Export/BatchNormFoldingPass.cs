using ModelZoo.Models.Layers;

namespace ModelZoo.Onnx.Export;

/// <summary>Folds each BatchNormalization whose input is a Conv output used nowhere else into that Conv
/// (<see cref="BatchNormFolding"/>), removing the norm node and its initializers.</summary>
internal static class BatchNormFoldingPass
{
    public static int Apply(GraphProto graph)
    {
        var producers = new Dictionary<string, NodeProto>(StringComparer.Ordinal);
        foreach (NodeProto n in graph.Nodes) foreach (string o in n.Outputs) producers[o] = n;
        var uses = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string input in graph.Nodes.SelectMany(n => n.Inputs).Concat(graph.Outputs.Select(o => o.Name)))
            uses[input] = uses.GetValueOrDefault(input) + 1;
        var initializers = graph.Initializers.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var removed = new HashSet<NodeProto>();
        int folded = 0;
        foreach (NodeProto bn in graph.Nodes.Where(n => n.OpType == "BatchNormalization").ToArray())
        {
            if (!producers.TryGetValue(bn.Inputs[0], out NodeProto? conv) || conv.OpType != "Conv" || uses[bn.Inputs[0]] != 1) continue;
            string[] parameters = bn.Inputs.Skip(1).Concat(conv.Inputs.Skip(1)).ToArray();
            if (parameters.Any(p => !initializers.ContainsKey(p) || uses[p] != 1)) continue;
            using (var scope = torch.NewDisposeScope())
            {
                Tensor T(string name) => initializers[name].ToTorch();
                (Tensor w, Tensor b) = BatchNormFolding.Fold(T(conv.Inputs[1]), conv.Inputs.Count > 2 ? T(conv.Inputs[2]) : null,
                    gamma: T(bn.Inputs[1]), beta: T(bn.Inputs[2]), runningMean: T(bn.Inputs[3]), runningVar: T(bn.Inputs[4]),
                    eps: bn.FloatAttribute("epsilon", 1e-5f));
                Replace(graph, initializers, conv.Inputs[1], w);
                string biasName = conv.Inputs.Count > 2 ? conv.Inputs[2] : conv.Inputs[1] + ".folded_bias";
                if (conv.Inputs.Count <= 2)
                {
                    conv.Inputs.Add(biasName);
                    var bias = new TensorProto { Name = biasName };
                    graph.Initializers.Add(bias);
                    initializers[biasName] = bias;
                }
                Replace(graph, initializers, biasName, b);
            }
            foreach (string p in bn.Inputs.Skip(1)) graph.Initializers.Remove(initializers[p]);
            conv.Outputs[0] = bn.Outputs[0];
            removed.Add(bn);
            folded++;
        }
        graph.Nodes.RemoveAll(removed.Contains);
        return folded;
    }

    private static void Replace(GraphProto graph, Dictionary<string, TensorProto> initializers, string name, Tensor value)
    {
        TensorProto fresh = TensorProto.FromTorch(name, value);
        int index = graph.Initializers.IndexOf(initializers[name]);
        graph.Initializers[index] = fresh;
        initializers[name] = fresh;
    }
}
