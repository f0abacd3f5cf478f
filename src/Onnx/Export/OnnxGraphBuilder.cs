using ModelZoo.Onnx.Export.Emitters;

namespace ModelZoo.Onnx.Export;

/// <summary>
/// Builds an ONNX graph from a module tree: <see cref="Emit"/> dispatches each module to its emitter
/// (<see cref="OnnxEmitterRegistry"/>), which adds nodes through the typed operator methods (<c>Conv</c>, <c>Gemm</c>,
/// <c>Add</c>, ...; they also track shapes). Weights become initializers named by their state-dict keys, and each
/// weighted node records an <see cref="OnnxWeightBinding"/> so weight import can walk the same structure.
/// Without data (<c>includeData: false</c>) initializers carry shapes only: the structure import compares against.
/// </summary>
public sealed partial class OnnxGraphBuilder
{
    private readonly OnnxEmitterRegistry _registry;
    private readonly bool _includeData;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly List<OnnxWeightBinding> _bindings = new();
    private readonly List<string> _unused = new();
    private readonly List<string> _implied = new();
    private readonly Dictionary<string, TensorProto> _initializers = new(StringComparer.Ordinal);

    public OnnxGraphBuilder(OnnxEmitterRegistry registry, bool includeData = true)
    {
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _includeData = includeData;
    }

    /// <summary>The graph so far (nodes in topological order, initializers).</summary>
    public GraphProto Graph { get; } = new();

    /// <summary>Weighted nodes with their state keys, in emission (data-flow) order.</summary>
    public IReadOnlyList<OnnxWeightBinding> Bindings => _bindings;

    /// <summary>Module paths whose modules the inference graph never runs (e.g. GoogLeNet's aux heads).</summary>
    public IReadOnlyList<string> UnusedModules => _unused;

    /// <summary>State keys that are derived, not weights of any node (e.g. a partial convolution's index buffer).</summary>
    public IReadOnlyList<string> ImpliedKeys => _implied;

    /// <summary>Whether initializers hold values (false: shapes only).</summary>
    public bool IncludesData => _includeData;

    /// <summary>Emits <paramref name="module"/> (at <paramref name="path"/>, "" for the root) applied to <paramref name="input"/>.</summary>
    public OnnxValue Emit(nn.Module module, string path, OnnxValue input)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(input);
        IOnnxModuleEmitter emitter = _registry.Find(module)
            ?? throw new NotSupportedException(
                $"ONNX export does not support module '{(path.Length == 0 ? "(root)" : path)}' of type {module.GetType().Name}. "
                + $"Supported module types: {string.Join(", ", _registry.SupportedTypeNames)}; register an IOnnxModuleEmitter for others.");
        return emitter.Emit(this, module, path, input);
    }

    /// <summary>Emits the child <paramref name="name"/> of <paramref name="parent"/> (at <paramref name="path"/>).</summary>
    public OnnxValue EmitChild(nn.Module parent, string path, string name, OnnxValue input) =>
        Emit(Child(parent, path, name), Join(path, name), input);

    /// <summary>The registered child <paramref name="name"/> of <paramref name="parent"/>; throws naming the path when absent.</summary>
    public static nn.Module Child(nn.Module parent, string path, string name)
    {
        ArgumentNullException.ThrowIfNull(parent);
        foreach ((string n, nn.Module child) in parent.named_children())
            if (n == name) return child;
        throw new NotSupportedException($"ONNX export expected a child '{Join(path, name)}' in {parent.GetType().Name}; it has none.");
    }

    /// <summary>True when <paramref name="parent"/> has a registered child <paramref name="name"/>.</summary>
    public static bool HasChild(nn.Module parent, string name) => parent.named_children().Any(c => c.name == name);

    /// <summary>"a.b" from a parent path and a child name ("" parent = root).</summary>
    public static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    /// <summary>Marks a sub-module the inference graph skips; weight import lists its keys as ignored, not missing.</summary>
    public void MarkUnused(string path) => _unused.Add(path);

    /// <summary>Marks a state key as derived (no node holds it); weight import does not count it as missing.</summary>
    public void MarkImplied(string stateKey) => _implied.Add(stateKey);

    /// <summary>Adds a weight initializer named <paramref name="name"/> holding <paramref name="value"/> (copied as
    /// float32; shape only without data) and returns its name.</summary>
    public string Weight(string name, Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string unique = UniqueName(name);
        long[] dims = value.shape;
        TensorProto tensor;
        if (_includeData)
        {
            using var scope = torch.NewDisposeScope();
            tensor = TensorProto.FromTorch(unique, value);
        }
        else
        {
            tensor = new TensorProto { Name = unique, DataType = TensorElementType.Float };
            tensor.Dims.AddRange(dims);
        }
        Graph.Initializers.Add(tensor);
        _initializers[unique] = tensor;
        return unique;
    }

    /// <summary>Adds a float constant (always with data: constants are part of the structure).</summary>
    public string Constant(string name, IReadOnlyList<long> dims, params float[] values)
    {
        string unique = UniqueName(name);
        TensorProto tensor = TensorProto.FromFloats(unique, dims, values);
        Graph.Initializers.Add(tensor);
        _initializers[unique] = tensor;
        return unique;
    }

    /// <summary>Adds an int64 constant (pads, axes, shapes).</summary>
    public string Int64Constant(string name, params long[] values)
    {
        string unique = UniqueName(name);
        TensorProto tensor = TensorProto.FromInt64s(unique, new long[] { values.Length }, values);
        Graph.Initializers.Add(tensor);
        _initializers[unique] = tensor;
        return unique;
    }

    /// <summary>The initializer named <paramref name="name"/>, or null.</summary>
    public TensorProto? Initializer(string name) => _initializers.GetValueOrDefault(name);

    /// <summary>Adds a node and returns its single output value of shape <paramref name="shape"/>.</summary>
    public OnnxValue Node(string path, string opType, IEnumerable<string> inputs, IReadOnlyList<long> shape, params AttributeProto[] attributes)
    {
        string name = UniqueName(path.Length == 0 ? opType : $"{path}/{opType}");
        var node = new NodeProto { Name = name, OpType = opType };
        node.Inputs.AddRange(inputs);
        node.Outputs.Add(name);
        node.Attributes.AddRange(attributes);
        Graph.Nodes.Add(node);
        return new OnnxValue(name, shape.ToArray());
    }

    /// <summary>Records the last node added as a weighted node of <paramref name="modulePath"/>.</summary>
    public void Bind(string modulePath, params OnnxParameterBinding[] parameters) =>
        _bindings.Add(new OnnxWeightBinding(Graph.Nodes[^1], modulePath, parameters));

    /// <summary>Renames the value <paramref name="from"/> to <paramref name="to"/> everywhere (final output names).</summary>
    public void Rename(string from, string to)
    {
        if (!_names.Add(to)) throw new ArgumentException($"The graph already has a value named '{to}'.", nameof(to));
        foreach (NodeProto node in Graph.Nodes)
        {
            for (int i = 0; i < node.Inputs.Count; i++) if (node.Inputs[i] == from) node.Inputs[i] = to;
            for (int i = 0; i < node.Outputs.Count; i++) if (node.Outputs[i] == from) node.Outputs[i] = to;
        }
    }

    /// <summary>Reserves a name (graph inputs) so no node or initializer takes it.</summary>
    public void Reserve(string name)
    {
        if (!_names.Add(name)) throw new ArgumentException($"The graph already has a value named '{name}'.", nameof(name));
    }

    private string UniqueName(string name)
    {
        if (_names.Add(name)) return name;
        for (int i = 1; ; i++)
        {
            string candidate = $"{name}_{i}";
            if (_names.Add(candidate)) return candidate;
        }
    }
}
