namespace ModelZoo.Models.Transfer;

/// <summary>
/// Named intermediate outputs of a model (torchvision's <c>create_feature_extractor</c>, timm's <c>features_only</c>):
/// <code>
/// using var extractor = new FeatureExtractor(model, "layer2", "layer4");
/// Dictionary&lt;string, Tensor&gt; maps = extractor.Extract(images);   // maps["layer2"]: [N, 128, H/8, W/8] for resnet18
/// </code>
/// Forward hooks on the named modules capture their outputs; they are registered once and all removed in
/// <see cref="Dispose"/>. For an <see cref="ImageClassifier"/> only the trunk runs (<see cref="ImageClassifier.ForwardFeatures"/>),
/// plus the head when a requested module lies in it. Outputs keep their autograd history (fine-tune through them) and
/// belong to the caller's dispose scope. <see cref="ForStages"/> picks the model's <see cref="ImageClassifier.FeatureInfo"/> stages.
/// </summary>
public sealed class FeatureExtractor : IDisposable
{
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly List<Action> _removers = new();
    private readonly Dictionary<string, Tensor> _captured = new(StringComparer.Ordinal);
    private bool _capturing;
    private bool _disposed;

    /// <summary>Hooks the modules at <paramref name="nodes"/> (dotted paths, e.g. "layer2", "features.12", "inception4e").</summary>
    public FeatureExtractor(nn.Module<Tensor, Tensor> model, params string[] nodes) : this(model, (IEnumerable<string>)nodes) { }

    /// <inheritdoc cref="FeatureExtractor(nn.Module{Tensor, Tensor}, string[])"/>
    public FeatureExtractor(nn.Module<Tensor, Tensor> model, IEnumerable<string> nodes)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        ArgumentNullException.ThrowIfNull(nodes);
        Nodes = nodes.ToArray();
        if (Nodes.Count == 0) throw new ArgumentException("Name at least one module to extract (e.g. \"layer4\").", nameof(nodes));
        if (Nodes.Distinct(StringComparer.Ordinal).Count() != Nodes.Count)
            throw new ArgumentException($"Module names repeat: {string.Join(", ", Nodes)}.", nameof(nodes));
        try
        {
            foreach (string node in Nodes)
            {
                if (ModulePaths.Resolve(model, node) is not nn.Module<Tensor, Tensor> module)
                    throw new ArgumentException($"Module '{node}' does not map a tensor to a tensor, so its output cannot be captured.", nameof(nodes));
                var remover = module.register_forward_hook((_, _, output) => _capturing ? Capture(node, output) : output);
                _removers.Add(remover.remove);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>An extractor for the model's feature stages (<see cref="ImageClassifier.FeatureInfo"/>), all of them or the
    /// ones at <paramref name="stageIndices"/> (timm's <c>out_indices</c>).</summary>
    public static FeatureExtractor ForStages(ImageClassifier model, params int[] stageIndices)
    {
        ArgumentNullException.ThrowIfNull(model);
        IReadOnlyList<FeatureInfo> info = model.FeatureInfo;
        int[] picked = stageIndices.Length == 0 ? Enumerable.Range(0, info.Count).ToArray() : stageIndices;
        foreach (int i in picked)
            if (i < 0 || i >= info.Count)
                throw new ArgumentOutOfRangeException(nameof(stageIndices), i, $"{model.GetName()} has {info.Count} feature stages (0..{info.Count - 1}).");
        return new FeatureExtractor(model, picked.Select(i => info[i].Module));
    }

    /// <summary>The hooked module paths, in request order (the order of <see cref="Extract"/>'s dictionary).</summary>
    public IReadOnlyList<string> Nodes { get; }

    /// <summary>When true and gradients are enabled, a captured output that does not require gradients (frozen parameters)
    /// is replaced in the forward pass by a detached copy that does, so <c>torch.autograd.grad(score, features)</c> reaches it
    /// and the backward pass stops there (what Grad-CAM needs). Default false: outputs pass through unchanged.</summary>
    public bool GradientLeaves { get; init; }

    /// <summary>Runs the model on <paramref name="input"/> and returns each hooked module's output by name.</summary>
    public Dictionary<string, Tensor> Extract(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _ = Run(() =>
        {
            if (_model is ImageClassifier classifier)
            {
                using Tensor features = classifier.ForwardFeatures(input);
                if (Nodes.Any(n => !_captured.ContainsKey(n)))
                    classifier.ForwardHead(features).Dispose();
            }
            else
            {
                _model.call(input).Dispose();
            }
            return null;
        }, out Dictionary<string, Tensor> result);
        return result;
    }

    /// <summary>Runs the whole model on <paramref name="input"/> (<c>model.call</c>) and returns its output together with
    /// each hooked module's output by name.</summary>
    public (Tensor Output, Dictionary<string, Tensor> Features) Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Tensor output = Run(() => _model.call(input), out Dictionary<string, Tensor> features)!;
        return (output, features);
    }

    private Tensor? Run(Func<Tensor?> forward, out Dictionary<string, Tensor> result)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _captured.Clear();
        _capturing = true;
        Tensor? output;
        try
        {
            output = forward();
        }
        catch
        {
            foreach (Tensor t in _captured.Values) t.Dispose();
            _captured.Clear();
            throw;
        }
        finally
        {
            _capturing = false;
        }
        string[] missing = Nodes.Where(n => !_captured.ContainsKey(n)).ToArray();
        if (missing.Length > 0)
        {
            output?.Dispose();
            foreach (Tensor t in _captured.Values) t.Dispose();
            _captured.Clear();
            throw new InvalidOperationException($"Module(s) {string.Join(", ", missing)} did not run in the forward pass, so they have no output.");
        }
        // Captured aliases live outside any scope (a model may run its layers in its own dispose scope); hand the
        // caller fresh aliases in the caller's scope.
        result = Nodes.ToDictionary(n => n, n => _captured[n].alias(), StringComparer.Ordinal);
        foreach (Tensor t in _captured.Values) t.Dispose();
        _captured.Clear();
        return output;
    }

    /// <summary>Removes every hook (the one place they are released).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (Action remove in _removers) remove();
        _removers.Clear();
        foreach (Tensor t in _captured.Values) t.Dispose();
        _captured.Clear();
    }

    /// <summary>Records <paramref name="output"/> and returns what the forward pass continues with.</summary>
    private Tensor Capture(string node, Tensor output)
    {
        // The model may dispose its intermediate after use; an alias keeps the storage (and the autograd history) alive.
        if (_captured.Remove(node, out Tensor? previous)) previous.Dispose();
        if (GradientLeaves && !output.requires_grad && is_grad_enabled() && output.is_floating_point())
        {
            Tensor leaf = output.detach().requires_grad_(true);
            _captured[node] = leaf.alias().DetachFromDisposeScope();
            return leaf;
        }
        _captured[node] = output.alias().DetachFromDisposeScope();
        return output;
    }
}
