using ModelZoo.Onnx.Proto;

namespace ModelZoo.Onnx.Import;

/// <summary>A Conv, BatchNormalization or dense (Gemm, MatMul with a constant operand) node of a graph, with its constant
/// inputs in canonical layout by input index (dense: 1 = weight [out, in], 2 = bias) and the nearest weighted nodes it
/// depends on.</summary>
internal sealed class WeightedNode
{
    public WeightedNode(NodeProto node, string kind, IReadOnlyDictionary<int, CanonicalTensor> parameters, int order)
    {
        Node = node;
        Kind = kind;
        Parameters = parameters;
        Order = order;
    }

    public NodeProto Node { get; }

    /// <summary>"Conv", "BatchNormalization" or "Dense".</summary>
    public string Kind { get; }

    public IReadOnlyDictionary<int, CanonicalTensor> Parameters { get; }

    /// <summary>Position in the graph's node list.</summary>
    public int Order { get; }

    public List<WeightedNode> Dependencies { get; } = new();

    /// <summary>Shape of the main weight (input 1), or empty.</summary>
    public long[] WeightShape => Parameters.TryGetValue(1, out CanonicalTensor? w) ? w.Shape : Array.Empty<long>();

    public override string ToString() => $"{Node.OpType} '{Node.Name}' [{string.Join(", ", WeightShape)}]";
}
