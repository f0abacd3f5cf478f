using static TorchSharp.torch;

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
}
