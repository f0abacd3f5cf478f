using System.Collections.Concurrent;

namespace ModelZoo.Onnx.Export;

/// <summary>
/// Emitters by exact module type. <see cref="Default"/> holds every emitter of this assembly (found by reflection, as the
/// zoo finds its families): the layers (Conv2d, BatchNorm2d, Linear, ReLU, pools, LocalResponseNorm, Dropout, Flatten,
/// Sequential, ...), the family blocks (BasicBlock, Bottleneck, Inception, ...) and the zoo's classifiers. A classifier
/// type without an emitter falls back to <see cref="Emitters.SequentialClassifierEmitter"/>, whose assumption the
/// exporter checks numerically.
/// </summary>
public sealed class OnnxEmitterRegistry
{
    private readonly ConcurrentDictionary<Type, IOnnxModuleEmitter> _emitters = new();

    /// <summary>The registry every export uses unless its options name another.</summary>
    public static OnnxEmitterRegistry Default { get; } = CreateDefault();

    /// <summary>Adds or replaces the emitter of <see cref="IOnnxModuleEmitter.ModuleType"/>.</summary>
    public void Register(IOnnxModuleEmitter emitter)
    {
        ArgumentNullException.ThrowIfNull(emitter);
        _emitters[emitter.ModuleType] = emitter;
    }

    /// <summary>The emitter for <paramref name="module"/>'s exact type, the sequential fallback for an
    /// <see cref="Models.ImageClassifier"/> without one, or null.</summary>
    public IOnnxModuleEmitter? Find(nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        if (_emitters.TryGetValue(module.GetType(), out IOnnxModuleEmitter? emitter)) return emitter;
        return module is Models.ImageClassifier ? Emitters.SequentialClassifierEmitter.Instance : null;
    }

    /// <summary>True when <paramref name="type"/> has its own emitter.</summary>
    public bool Supports(Type type) => _emitters.ContainsKey(type);

    /// <summary>Names of the supported module types, sorted.</summary>
    public IReadOnlyList<string> SupportedTypeNames => _emitters.Keys.Select(t => t.Name).Order(StringComparer.Ordinal).ToArray();

    private static OnnxEmitterRegistry CreateDefault()
    {
        var registry = new OnnxEmitterRegistry();
        IEnumerable<Type> types = typeof(OnnxEmitterRegistry).Assembly.GetTypes()
            .Where(t => typeof(IOnnxModuleEmitter).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false }
                        && t.GetConstructor(Type.EmptyTypes) is not null);
        foreach (Type type in types) registry.Register((IOnnxModuleEmitter)Activator.CreateInstance(type)!);
        return registry;
    }
}
