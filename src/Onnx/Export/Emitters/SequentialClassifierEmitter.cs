namespace ModelZoo.Onnx.Export.Emitters;

/// <summary>
/// The fallback for a user's own <see cref="Models.ImageClassifier"/> without an emitter: its registered children in
/// order, with a Flatten inserted before the first Linear that meets a 4-D value. This is an assumption about a forward
/// the exporter cannot read, so <see cref="OnnxExport"/> checks it: the model's output on a probe input must equal the
/// children applied in that order, or the export fails naming the class.
/// </summary>
public sealed class SequentialClassifierEmitter : IOnnxModuleEmitter
{
    private SequentialClassifierEmitter() { }

    public static SequentialClassifierEmitter Instance { get; } = new();

    public Type ModuleType => typeof(Models.ImageClassifier);

    public OnnxValue Emit(OnnxGraphBuilder builder, nn.Module module, string path, OnnxValue input)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(module);
        OnnxValue x = input;
        foreach ((string name, nn.Module child) in module.named_children())
        {
            if (child is Linear && x.Rank > 2) x = builder.Flatten(OnnxGraphBuilder.Join(path, name) + ".flatten", x);
            x = builder.Emit(child, OnnxGraphBuilder.Join(path, name), x);
        }
        return x;
    }

    /// <summary>The same composition in TorchSharp (what the exporter compares the model's forward with).</summary>
    public static Tensor Run(nn.Module module, Tensor input)
    {
        ArgumentNullException.ThrowIfNull(module);
        Tensor x = input;
        foreach ((_, nn.Module child) in module.named_children())
        {
            if (child is Linear && x.dim() > 2) x = x.flatten(1);
            x = ((nn.Module<Tensor, Tensor>)child).call(x);
        }
        return x;
    }
}
