namespace ModelZoo.Onnx.Proto;

/// <summary>One dimension of a tensor type: a fixed size (<see cref="Value"/>) or a named symbolic size
/// (<see cref="Param"/>, e.g. "N" for a dynamic batch).</summary>
public sealed record TensorDimension(long? Value, string? Param)
{
    public static TensorDimension Fixed(long value) => new(value, null);

    public static TensorDimension Symbolic(string name) => new(null, name);

    public override string ToString() => Value is { } v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : Param ?? "?";
}
