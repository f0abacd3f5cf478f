using ModelZoo.Models.Transfer;

namespace ModelZoo.Cam;

/// <summary>
/// The template every CAM method shares (pytorch-grad-cam's <c>BaseCAM</c>):
/// <list type="number">
/// <item>forward the batch with forward hooks capturing each target layer's output (hooks registered for the call and
/// removed in a <c>finally</c>; the model is switched to eval mode with frozen parameters and restored afterwards);</item>
/// <item>pick the target class per image: the given one, else the top logit;</item>
/// <item>for gradient methods, <c>torch.autograd.grad</c> of the summed target logits with respect to the captured
/// activations (the backward pass stops at the target layer);</item>
/// <item>per layer, the method's map (<see cref="LayerMap"/>), ReLU, bilinear upsampling to the input size, min–max
/// normalisation to [0, 1];</item>
/// <item>several layers: the mean of their maps, normalised again.</item>
/// </list>
/// <code>
/// using var cam = new GradCam(model);                     // default layer: the last feature stage ("layer4")
/// IReadOnlyList&lt;CamResult&gt; maps = cam.Compute(batch);     // [N, 3, 224, 224] → one result per image
/// </code>
/// One dispose scope per call; results are managed arrays, so nothing native outlives a call.
/// </summary>
public abstract class CamBase : IDisposable
{
    private bool _disposed;

    /// <summary>Checks the options and resolves every target layer (a wrong path names the closest existing one).</summary>
    protected CamBase(ImageClassifier model, CamOptions? options = null)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        Options = options ?? new CamOptions();
        Options.Validate();
        TargetLayers = Options.TargetLayers is { Count: > 0 } layers ? layers.ToArray() : new[] { DefaultTargetLayer(model) };
        foreach (string path in TargetLayers)
            if (ModuleTree.Resolve(model, path) is not nn.Module<Tensor, Tensor>)
                throw new ArgumentException($"Module '{path}' of {model.GetName()} does not map a tensor to a tensor, so it cannot be explained.", nameof(options));
    }

    /// <summary>The model's last feature stage (<see cref="ImageClassifier.FeatureInfo"/>): "layer4" for a ResNet,
    /// "inception5b" for GoogLeNet, the last max-pool of VGG's <c>features</c>.</summary>
    public static string DefaultTargetLayer(ImageClassifier model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.FeatureInfo.Count > 0
            ? model.FeatureInfo[^1].Module
            : throw new ArgumentException($"{model.GetName()} declares no feature stages; name a target layer.", nameof(model));
    }

    public ImageClassifier Model { get; }
    public CamOptions Options { get; }

    /// <summary>The explained module paths.</summary>
    public IReadOnlyList<string> TargetLayers { get; }

    /// <summary>The method's name as the CLI spells it ("gradcam", "gradcam++", ...).</summary>
    public abstract string Name { get; }

    /// <summary>True when <see cref="LayerMap"/> reads <see cref="CamLayerContext.Gradients"/> (default false).</summary>
    protected virtual bool UsesGradients => false;

    /// <summary>The map of one image [C, H, W] (or [1, C, H, W]) for class <paramref name="classIndex"/>.</summary>
    public CamResult Compute(Tensor image, int classIndex)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var scope = torch.NewDisposeScope();
        Tensor batch = image.dim() == 3 ? image.unsqueeze(0) : image;
        if (batch.dim() == 4 && batch.shape[0] != 1)
            throw new ArgumentException($"Compute(image, classIndex) takes one image [C, H, W] or [1, C, H, W]; got [{string.Join(", ", image.shape)}]. Pass a batch with one class index per image instead.", nameof(image));
        return Compute(batch, new[] { classIndex })[0];
    }

    /// <summary>The maps of a batch [N, C, H, W]: per image the class in <paramref name="classes"/> (N indices), or the
    /// predicted class when null.</summary>
    public IReadOnlyList<CamResult> Compute(Tensor input, IReadOnlyList<int>? classes = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(input);
        Model.ValidateInput(input);
        int n = (int)input.shape[0];
        CheckClasses(classes, n);
        cancellationToken.ThrowIfCancellationRequested();

        using var scope = torch.NewDisposeScope();
        using var state = ModelStateGuard.EvalFrozen(Model);
        using var extractor = new FeatureExtractor(Model, TargetLayers) { GradientLeaves = UsesGradients };
        Tensor logits;
        Dictionary<string, Tensor> activations;
        using (UsesGradients ? torch.enable_grad() : torch.no_grad())
            (logits, activations) = extractor.Forward(input);
        if (logits.dim() != 2 || logits.shape[0] != n)
            throw new InvalidOperationException($"{Model.GetName()} returned shape [{string.Join(", ", logits.shape)}]; expected [N, classes] logits.");
        Tensor targets = Targets(logits, classes);
        IList<Tensor>? gradients = UsesGradients ? Gradients(logits, targets, activations) : null;

        using var noGrad = torch.no_grad();
        Tensor plainLogits = logits.detach();
        long height = input.shape[2], width = input.shape[3];
        var raw = new List<Tensor>(TargetLayers.Count);
        Tensor? sum = null;
        for (int i = 0; i < TargetLayers.Count; i++)
        {
            string layer = TargetLayers[i];
            Tensor a = activations[layer].detach();
            if (a.dim() != 4)
                throw new ArgumentException($"Layer '{layer}' outputs shape [{string.Join(", ", a.shape)}]; CAM needs a [N, K, h, w] feature map. Pick a convolutional layer.");
            var context = new CamLayerContext(layer, input, plainLogits, targets, a, gradients?[i], cancellationToken);
            Tensor map = LayerMap(context);
            if (map.dim() != 3 || map.shape[0] != n || map.shape[1] != a.shape[2] || map.shape[2] != a.shape[3])
                throw new InvalidOperationException($"{Name} returned shape [{string.Join(", ", map.shape)}] for layer '{layer}'; expected [{n}, {a.shape[2]}, {a.shape[3]}].");
            raw.Add(map);
            Tensor scaled = Normalize(Upsample(map.relu(), height, width));
            sum = sum is null ? scaled : sum + scaled;
        }
        Tensor combined = TargetLayers.Count == 1 ? sum! : Normalize(sum! / TargetLayers.Count);
        return Results(combined, raw, plainLogits, targets);
    }

    /// <summary>The method's map of one layer, [N, h, w], before ReLU and scaling.</summary>
    protected abstract Tensor LayerMap(CamLayerContext layer);

    /// <summary>Bilinear (align_corners = false) resize of [N, h, w] maps to [N, height, width].</summary>
    protected internal static Tensor Upsample(Tensor maps, long height, long width) =>
        maps.shape[1] == height && maps.shape[2] == width
            ? maps
            : nn.functional.interpolate(maps.unsqueeze(1), new[] { height, width }, mode: InterpolationMode.Bilinear, align_corners: false).squeeze(1);

    /// <summary>Per map (leading dimension), (x − min) / (max − min); a constant map becomes 0.</summary>
    protected internal static Tensor Normalize(Tensor maps)
    {
        Tensor flat = maps.flatten(1);
        Tensor min = flat.min(1, keepdim: true).values;
        Tensor range = flat.max(1, keepdim: true).values - min;
        return ((flat - min) / range.clamp_min(1e-30)).reshape(maps.shape);
    }

    private void CheckClasses(IReadOnlyList<int>? classes, int images)
    {
        if (classes is null) return;
        if (classes.Count != images)
            throw new ArgumentException($"Give one class index per image: {images} image(s), {classes.Count} index(es).", nameof(classes));
        int count = Model.NumClasses;
        foreach (int c in classes)
            if (c < 0 || c >= count)
                throw new ArgumentOutOfRangeException(nameof(classes), c, $"Class index {c} is out of range: {Model.GetName()} has {count} classes (0..{count - 1}).");
    }

    private static Tensor Targets(Tensor logits, IReadOnlyList<int>? classes) =>
        classes is null
            ? logits.detach().argmax(1)
            : torch.tensor(classes.Select(c => (long)c).ToArray(), dtype: ScalarType.Int64, device: logits.device);

    private IList<Tensor> Gradients(Tensor logits, Tensor targets, Dictionary<string, Tensor> activations)
    {
        Tensor[] inputs = TargetLayers.Select(l => activations[l]).ToArray();
        foreach ((string layer, Tensor a) in TargetLayers.Zip(inputs))
            if (!a.requires_grad)
                throw new InvalidOperationException($"Layer '{layer}' produced an output without autograd history, so {Name} cannot take its gradient.");
        Tensor score = logits.gather(1, targets.unsqueeze(1)).sum();
        try
        {
            return torch.autograd.grad(new[] { score }, inputs);
        }
        catch (System.Runtime.InteropServices.ExternalException ex)
        {
            throw new InvalidOperationException(
                $"The class score does not depend on layer(s) {string.Join(", ", TargetLayers)} in {Model.GetName()}'s forward pass, so {Name} has no gradient there ({ex.Message.Split('\n')[0]}).", ex);
        }
    }

    private CamResult[] Results(Tensor maps, List<Tensor> raw, Tensor logits, Tensor targets)
    {
        CamMap[] normalised = CamMap.FromBatch(maps);
        CamMap[][] rawMaps = raw.Select(CamMap.FromBatch).ToArray();
        Tensor picked = logits.gather(1, targets.unsqueeze(1)).squeeze(1);
        Tensor probability = logits.softmax(1).gather(1, targets.unsqueeze(1)).squeeze(1);
        long[] classIndex = targets.cpu().data<long>().ToArray();
        float[] score = picked.to(ScalarType.Float32).cpu().data<float>().ToArray();
        float[] p = probability.to(ScalarType.Float32).cpu().data<float>().ToArray();
        return Enumerable.Range(0, normalised.Length).Select(i => new CamResult(Name, (int)classIndex[i], score[i], p[i], normalised[i],
            TargetLayers, rawMaps.Select(r => r[i]).ToArray())).ToArray();
    }

    /// <summary>Marks the object disposed; a later <c>Compute</c> throws. Hooks never outlive a call, so there is nothing
    /// else to release unless a subclass holds resources (override <see cref="Dispose(bool)"/>).</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing) => _disposed = true;
}
