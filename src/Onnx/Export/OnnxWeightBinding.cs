namespace ModelZoo.Onnx.Export;

/// <summary>A weighted node (Conv, BatchNormalization, Gemm, MatMul) the export emitted for a module, with the state-dict
/// entries its initializers hold: what weight import walks, in data-flow order.</summary>
/// <param name="Node">The node.</param>
/// <param name="ModulePath">The module's path in the model (e.g. "layer1.0.conv1").</param>
/// <param name="Parameters">Initializer inputs and the state keys they hold.</param>
public sealed record OnnxWeightBinding(Proto.NodeProto Node, string ModulePath, IReadOnlyList<OnnxParameterBinding> Parameters);
