using ModelZoo.Models;
using ModelZoo.Models.Weights.Loading;
using ModelZoo.Onnx.Export;

namespace ModelZoo.Onnx.Import;

/// <summary>
/// Loads the weights of an ONNX graph into one of the zoo's architectures: <c>OnnxImport.LoadWeights(model, "model.onnx")</c>.
/// The model's own export graph (built without data) is the reference: its Conv, BatchNormalization and dense nodes, in
/// data-flow order, are paired with the file's (<see cref="GraphMatcher"/>), each initializer is converted to the model's
/// layout and shape-checked, and the report lists loaded, missing, unexpected and mismatched tensors like the state-dict
/// loader. Initializer names do not matter, so files from other exporters (CNTK, PyTorch, ...) load as well as ours.
/// Strict by default: a file that does not fit throws <see cref="OnnxImportException"/> and writes nothing.
/// </summary>
public static class OnnxImport
{
    /// <summary>Reads <paramref name="onnxPath"/> and loads its weights into <paramref name="model"/>.</summary>
    public static OnnxImportResult LoadWeights(ImageClassifier model, string onnxPath, OnnxImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return LoadWeights(model, ModelProto.Read(onnxPath), Path.GetFileName(onnxPath), options);
    }

    /// <summary>Loads the weights of a parsed model; <paramref name="source"/> names it in errors.</summary>
    public static OnnxImportResult LoadWeights(ImageClassifier model, ModelProto file, string source, OnnxImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(file);
        options ??= new OnnxImportOptions();
        int? size = options.InputSize ?? FileInputSize(file, model);
        OnnxExport.Build(model, new OnnxExportOptions { InputSize = size }, includeData: false, out ModelProto reference, out OnnxGraphBuilder builder);
        var bindings = builder.Bindings.ToDictionary(b => b.Node);
        WeightedGraph ours = WeightedGraph.From(reference.Graph);
        WeightedGraph theirs = WeightedGraph.From(file.Graph);
        IReadOnlyList<(WeightedNode Ours, WeightedNode? Theirs)> pairs = GraphMatcher.Match(ours, theirs);

        Dictionary<string, Tensor> targets = TorchStateDict.InPyTorchOrder(model);
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            var missing = new List<string>();
            var mismatched = new List<ShapeMismatch>();
            var taken = new HashSet<string>(StringComparer.Ordinal);
            var pairedFileNodes = new HashSet<WeightedNode>();
            foreach ((WeightedNode o, WeightedNode? t) in pairs)
            {
                IReadOnlyList<OnnxParameterBinding> parameters = bindings.TryGetValue(o.Node, out OnnxWeightBinding? b) ? b.Parameters : [];
                if (t is null)
                {
                    missing.AddRange(parameters.Select(p => p.StateKey));
                    continue;
                }
                pairedFileNodes.Add(t);
                if (parameters.Count == 0) taken.UnionWith(t.Parameters.Values.Select(p => p.Source.Name));   // structural constant
                foreach (OnnxParameterBinding p in parameters)
                {
                    if (!t.Parameters.TryGetValue(p.Input, out CanonicalTensor? stored))
                    {
                        missing.Add(p.StateKey);
                        continue;
                    }
                    taken.Add(stored.Source.Name);
                    Tensor value = Convert(stored, p);
                    long[] expected = targets[p.StateKey].shape;
                    if (!value.shape.SequenceEqual(expected))
                    {
                        mismatched.Add(new ShapeMismatch(p.StateKey, expected, value.shape));
                        value.Dispose();
                        continue;
                    }
                    state[p.StateKey] = value;
                }
            }
            if (options.ReverseInputChannels) ReverseStem(model, state);

            var ignored = new List<string>();
            foreach (string key in targets.Keys.Where(k => !state.ContainsKey(k) && !missing.Contains(k) && mismatched.All(m => m.Key != k)))
            {
                bool derived = builder.ImpliedKeys.Contains(key) || builder.UnusedModules.Any(u => key.StartsWith(u + ".", StringComparison.Ordinal));
                if (derived) ignored.Add(key);
                else missing.Add(key);
            }
            var unexpected = Unexpected(file.Graph, theirs, taken);
            var loadResult = new LoadResult(state.Keys.ToArray(), missing, unexpected, mismatched, ignored);
            if (options.Strict && !loadResult.IsExact) throw new OnnxImportException(Describe(source, model, loadResult), loadResult);

            LoadResult copied = StateDictLoader.Load(model, state, new LoadOptions { Strict = false, StripPrefixes = [] });
            return new OnnxImportResult(loadResult with { Loaded = copied.Loaded }, pairedFileNodes.Count, theirs.Nodes.Count,
                $"{file.ProducerName} {file.ProducerVersion}".Trim(), file.Metadata(OnnxMetadataKeys.Model),
                OnnxMetadata.ReadPreset(file), OnnxMetadata.ReadLabels(file));
        }
        finally
        {
            foreach (Tensor t in state.Values) t.Dispose();
        }
    }

    private static Tensor Convert(CanonicalTensor source, OnnxParameterBinding binding)
    {
        Tensor value = source.ToTorch();
        if (binding.FromOnnx is null) return value;
        using (value) return binding.FromOnnx(value).contiguous();
    }

    /// <summary>Weights the model did not take: initializers of unpaired weighted nodes and initializers nothing reads.</summary>
    private static List<string> Unexpected(GraphProto graph, WeightedGraph theirs, HashSet<string> taken)
    {
        var read = new HashSet<string>(graph.Nodes.SelectMany(n => n.Inputs), StringComparer.Ordinal);
        var weightInputs = new HashSet<string>(theirs.Nodes.SelectMany(n => n.Parameters.Values.Select(p => p.Source.Name)), StringComparer.Ordinal);
        return graph.Initializers.Select(t => t.Name)
            .Where(name => !taken.Contains(name) && (weightInputs.Contains(name) || !read.Contains(name)))
            .ToList();
    }

    /// <summary>RGB ← BGR: the stem's kernels for input channel c become those for channel C − 1 − c.</summary>
    private static void ReverseStem(ImageClassifier model, Dictionary<string, Tensor> state)
    {
        string key = model.StemName + ".weight";
        if (!state.TryGetValue(key, out Tensor? stem)) return;
        state[key] = stem.flip(1).contiguous();
        stem.Dispose();
    }

    /// <summary>H = W of the file's 4-D input when fixed and usable by <paramref name="model"/>, else null.</summary>
    private static int? FileInputSize(ModelProto file, ImageClassifier model)
    {
        var initializers = new HashSet<string>(file.Graph.Initializers.Select(i => i.Name), StringComparer.Ordinal);
        ValueInfoProto? input = file.Graph.Inputs.FirstOrDefault(i => !initializers.Contains(i.Name));
        if (input?.Shape is not { Count: 4 } shape || shape[2].Value is not { } h || shape[3].Value is not { } w || h != w) return null;
        if (model.FixedInputSize is { } fixedSize) return fixedSize.Height;
        return h >= model.MinInputSize ? (int)h : null;
    }

    private static string Describe(string source, ImageClassifier model, LoadResult r)
    {
        var parts = new List<string>();
        if (r.ShapeMismatched.Count > 0)
        {
            ShapeMismatch m = r.ShapeMismatched[0];
            parts.Add($"{r.ShapeMismatched.Count} shape mismatch(es) (first: '{m.Key}' is {Shape(m.Expected)} in the model but {Shape(m.Got)} in the file)");
        }
        if (r.Missing.Count > 0) parts.Add($"{r.Missing.Count} model tensor(s) the file lacks (first: '{r.Missing[0]}')");
        if (r.Unexpected.Count > 0) parts.Add($"{r.Unexpected.Count} file initializer(s) the model has no place for (first: '{r.Unexpected[0]}')");
        return $"The ONNX graph in {source} does not fit {model.GetName()}: {string.Join("; ", parts)}. "
            + "Pick the architecture the file was exported from (layer counts and widths must match), or pass Strict = false to load what fits.";
    }

    private static string Shape(long[] s) => "[" + string.Join(", ", s) + "]";
}
