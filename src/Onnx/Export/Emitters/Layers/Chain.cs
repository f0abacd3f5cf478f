namespace ModelZoo.Onnx.Export.Emitters.Layers;

/// <summary>Emits a sequence of modules, each taking the previous one's output.</summary>
public static class Chain
{
    /// <summary>Every registered child of <paramref name="module"/>, in order.</summary>
    public static OnnxValue Children(OnnxGraphBuilder builder, nn.Module module, string path, OnnxValue input)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(module);
        OnnxValue x = input;
        foreach ((string name, nn.Module child) in module.named_children())
            x = builder.Emit(child, OnnxGraphBuilder.Join(path, name), x);
        return x;
    }

    /// <summary>The named children of <paramref name="module"/>, in the given order.</summary>
    public static OnnxValue Named(OnnxGraphBuilder builder, nn.Module module, string path, OnnxValue input, params string[] names)
    {
        ArgumentNullException.ThrowIfNull(builder);
        OnnxValue x = input;
        foreach (string name in names) x = builder.EmitChild(module, path, name, x);
        return x;
    }
}
