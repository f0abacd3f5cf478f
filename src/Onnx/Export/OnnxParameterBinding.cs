namespace ModelZoo.Onnx.Export;

/// <summary>How one initializer input of a weighted node maps back to a state-dict entry of the model: the node input
/// index, the state key, and the conversion from the ONNX layout to the model's (null = same layout).</summary>
public sealed record OnnxParameterBinding(int Input, string StateKey, Func<Tensor, Tensor>? FromOnnx = null);
