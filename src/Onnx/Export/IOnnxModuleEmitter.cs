namespace ModelZoo.Onnx.Export;

/// <summary>Maps one module type to ONNX nodes. Implement <see cref="OnnxModuleEmitter{TModule}"/> and register it with
/// <see cref="OnnxEmitterRegistry.Register"/> to export a module type of your own.</summary>
public interface IOnnxModuleEmitter
{
    /// <summary>The exact module type handled.</summary>
    Type ModuleType { get; }

    /// <summary>Adds the nodes of <paramref name="module"/> (at <paramref name="path"/>) applied to <paramref name="input"/>
    /// and returns its output value.</summary>
    OnnxValue Emit(OnnxGraphBuilder builder, nn.Module module, string path, OnnxValue input);
}
