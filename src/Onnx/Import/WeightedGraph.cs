namespace ModelZoo.Onnx.Import;

/// <summary>The weighted nodes of a graph in node order, each with its nearest weighted ancestors (through any
/// parameter-free nodes), which is what lets two graphs whose branches are listed in different orders be paired.</summary>
internal sealed class WeightedGraph
{
    private WeightedGraph(IReadOnlyList<WeightedNode> nodes) => Nodes = nodes;

    public IReadOnlyList<WeightedNode> Nodes { get; }

    public static WeightedGraph From(GraphProto graph)
    {
        var constants = new Dictionary<string, TensorProto>(StringComparer.Ordinal);
        foreach (TensorProto t in graph.Initializers) constants[t.Name] = t;
        foreach (NodeProto n in graph.Nodes.Where(n => n.OpType == "Constant" && n.Outputs.Count == 1))
            if (n.Attribute("value")?.T is { } value) constants[n.Outputs[0]] = value;
        var consumers = graph.Nodes.SelectMany(n => n.Inputs.Select(i => (Input: i, Node: n))).ToLookup(p => p.Input, p => p.Node);

        var producers = new Dictionary<string, NodeProto>(StringComparer.Ordinal);
        foreach (NodeProto n in graph.Nodes) foreach (string o in n.Outputs) producers[o] = n;
        var weighted = new Dictionary<NodeProto, WeightedNode>();
        var list = new List<WeightedNode>();
        var absorbed = new HashSet<NodeProto>();
        for (int i = 0; i < graph.Nodes.Count; i++)
        {
            NodeProto node = graph.Nodes[i];
            if (absorbed.Contains(node) || Canonical(node, constants, consumers, absorbed) is not { } found) continue;
            var w = new WeightedNode(node, found.Kind, found.Parameters);
            weighted[node] = w;
            list.Add(w);
        }

        // Nearest weighted ancestors of every value, memoised.
        var memo = new Dictionary<string, HashSet<WeightedNode>>(StringComparer.Ordinal);
        HashSet<WeightedNode> Ancestors(string value)
        {
            if (memo.TryGetValue(value, out HashSet<WeightedNode>? known)) return known;
            var set = new HashSet<WeightedNode>();
            memo[value] = set;
            if (producers.TryGetValue(value, out NodeProto? p))
            {
                if (weighted.TryGetValue(p, out WeightedNode? w)) set.Add(w);
                else foreach (string input in p.Inputs.Where(x => x.Length > 0 && !constants.ContainsKey(x))) set.UnionWith(Ancestors(input));
            }
            return set;
        }
        foreach (WeightedNode w in list)
            foreach (string input in w.Node.Inputs.Where(x => x.Length > 0 && !constants.ContainsKey(x)))
                foreach (WeightedNode a in Ancestors(input).Where(a => a != w && !w.Dependencies.Contains(a))) w.Dependencies.Add(a);
        return new WeightedGraph(list);
    }

    private static (string Kind, Dictionary<int, CanonicalTensor> Parameters)? Canonical(NodeProto node,
        IReadOnlyDictionary<string, TensorProto> constants, ILookup<string, NodeProto> consumers, HashSet<NodeProto> absorbed)
    {
        TensorProto? Const(int index) => index < node.Inputs.Count && constants.TryGetValue(node.Inputs[index], out TensorProto? t) ? t : null;
        var p = new Dictionary<int, CanonicalTensor>();
        switch (node.OpType)
        {
            case "Conv":
            case "BatchNormalization":
                for (int i = 1; i < node.Inputs.Count; i++) if (Const(i) is { } t) p[i] = new CanonicalTensor(t);
                return p.Count == 0 ? null : (node.OpType, p);
            case "Gemm" when Const(1) is { } b:
                bool transB = node.IntAttribute("transB", 0) != 0;
                if (node.IntAttribute("transA", 0) != 0) return null;
                p[1] = new CanonicalTensor(b, Transpose: !transB, Scale: node.FloatAttribute("alpha", 1f));
                if (Const(2) is { } c) p[2] = new CanonicalTensor(c, Scale: node.FloatAttribute("beta", 1f));
                return ("Dense", p);
            case "MatMul" when Const(1) is { } right && right.Dims.Count == 2:
                p[1] = new CanonicalTensor(right, Transpose: true);
                // x·W + b: the bias of a following Add that only this MatMul feeds.
                if (consumers[node.Outputs[0]].ToArray() is [{ OpType: "Add" } add] && add.Inputs.Count == 2)
                {
                    string other = add.Inputs[0] == node.Outputs[0] ? add.Inputs[1] : add.Inputs[0];
                    if (constants.TryGetValue(other, out TensorProto? bias) && bias.Dims.Count == 1)
                    {
                        p[2] = new CanonicalTensor(bias);
                        absorbed.Add(add);
                    }
                }
                return ("Dense", p);
            case "MatMul" when Const(0) is { } left && left.Dims.Count == 2:
                p[1] = new CanonicalTensor(left);
                return ("Dense", p);
            default:
                return null;
        }
    }
}
