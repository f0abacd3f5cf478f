namespace ModelZoo.Onnx.Export;

/// <summary>Typed base of an emitter for modules of type <typeparamref name="TModule"/> (eval-mode semantics).</summary>
public abstract class OnnxModuleEmitter<TModule> : IOnnxModuleEmitter where TModule : nn.Module
{
    public Type ModuleType => typeof(TModule);

    public OnnxValue Emit(OnnxGraphBuilder builder, nn.Module module, string path, OnnxValue input)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return Emit(builder, (TModule)module, path, input);
    }

    protected abstract OnnxValue Emit(OnnxGraphBuilder builder, TModule module, string path, OnnxValue input);

    /// <summary>The module's own parameter <paramref name="name"/> (as in its state dict, e.g. "weight", "bias").</summary>
    protected static Tensor Parameter(TModule module, string name) => module.named_parameters().First(p => p.name == name).parameter;

    /// <summary>The module's own buffer <paramref name="name"/>.</summary>
    protected static Tensor Buffer(TModule module, string name) => module.named_buffers().First(b => b.name == name).buffer;

    /// <summary>A Conv (stride <paramref name="stride"/>, no padding or dilation) whose weight is a
    /// <paramref name="kernel"/> computed from the module's own parameters and whose bias is the module's bias; import
    /// turns the kernel back into the module's weight through <paramref name="recoverWeight"/>.</summary>
    protected static OnnxValue ComputedKernelConv(OnnxGraphBuilder builder, string path, OnnxValue input, Tensor kernel,
        Tensor bias, long stride, long groups, Func<Tensor, Tensor> recoverWeight)
    {
        ArgumentNullException.ThrowIfNull(builder);
        string weight = builder.Weight(path + ".weight", kernel);
        OnnxValue output = builder.Conv(path, input, weight, builder.Weight(path + ".bias", bias),
            new[] { kernel.shape[2], kernel.shape[3] }, new[] { stride, stride }, new long[4], new[] { 1L, 1L }, groups);
        builder.Bind(path, new OnnxParameterBinding(1, path + ".weight", recoverWeight), new OnnxParameterBinding(2, path + ".bias"));
        return output;
    }
}
