namespace ModelZoo.Onnx.Export.Emitters.Layers;

/// <summary><c>Flatten</c>(1, −1) → Flatten(axis 1).</summary>
internal sealed class FlattenEmitter : OnnxModuleEmitter<Flatten>
{
    protected override OnnxValue Emit(OnnxGraphBuilder builder, Flatten module, string path, OnnxValue input)
    {
        bool toEnd = module.end_dim == -1 || module.end_dim == input.Rank - 1;
        if (module.start_dim != 1 || !toEnd)
            throw new NotSupportedException($"ONNX export supports Flatten(1, -1) only; '{path}' flattens dims {module.start_dim}..{module.end_dim}.");
        return builder.Flatten(path, input);
    }
}
