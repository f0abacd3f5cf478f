namespace ModelZoo.Onnx.Import;

/// <summary>A Conv, BatchNormalization or dense (Gemm, MatMul with a constant operand) node of a graph, with its constant
/// inputs in canonical layout by input index (dense: 1 = weight [out, in], 2 = bias) and the nearest weighted nodes it
/// depends on.</summary>
internal sealed class WeightedNode(NodeProto node, string kind, IReadOnlyDictionary<int, CanonicalTensor> parameters)
{
    public NodeProto Node { get; } = node;

    /// <summary>"Conv", "BatchNormalization" or "Dense".</summary>
    public string Kind { get; } = kind;

    public IReadOnlyDictionary<int, CanonicalTensor> Parameters { get; } = parameters;

    public List<WeightedNode> Dependencies { get; } = new();

    /// <summary>Shape of the main weight (input 1), or empty.</summary>
    public long[] WeightShape => Parameters.TryGetValue(1, out CanonicalTensor? w) ? w.Shape : Array.Empty<long>();

    public override string ToString() => $"{Node.OpType} '{Node.Name}' [{string.Join(", ", WeightShape)}]";
}
