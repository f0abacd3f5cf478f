namespace ModelZoo.Onnx.Import;

/// <summary>
/// Pairs the weighted nodes of the model's own graph (in data-flow order) with a file's: for each of ours, among the file's
/// unpaired nodes of the same kind whose weighted ancestors are all paired, the first with the same weight shape, else
/// the first at all (a shape mismatch, reported), else none (missing). Branch order in the file does not matter (CNTK lists
/// a ResNet block's projection shortcut before its main branch; the dependency rule and the shapes sort that out).
/// </summary>
internal static class GraphMatcher
{
    public static IReadOnlyList<(WeightedNode Ours, WeightedNode? Theirs)> Match(WeightedGraph ours, WeightedGraph theirs)
    {
        var paired = new HashSet<WeightedNode>();
        var result = new List<(WeightedNode, WeightedNode?)>(ours.Nodes.Count);
        foreach (WeightedNode o in ours.Nodes)
        {
            WeightedNode? exact = null, first = null;
            foreach (WeightedNode t in theirs.Nodes)
            {
                if (paired.Contains(t) || t.Kind != o.Kind || !t.Dependencies.All(paired.Contains)) continue;
                first ??= t;
                if (t.WeightShape.SequenceEqual(o.WeightShape))
                {
                    exact = t;
                    break;
                }
            }
            WeightedNode? pick = exact ?? first;
            if (pick is not null) paired.Add(pick);
            result.Add((o, pick));
        }
        return result;
    }
}
