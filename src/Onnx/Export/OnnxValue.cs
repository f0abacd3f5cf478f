namespace ModelZoo.Onnx.Export;

/// <summary>A value in the graph being built: its name and shape [N, ...] at the probe batch size (the batch dimension
/// becomes symbolic in the written graph when the export has a dynamic batch).</summary>
public sealed record OnnxValue(string Name, IReadOnlyList<long> Shape)
{
    public int Rank => Shape.Count;

    public override string ToString() => $"{Name} [{string.Join(", ", Shape)}]";
}
