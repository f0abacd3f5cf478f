namespace ModelZoo.Models;

/// <summary>
/// The one contract every classifier in the zoo implements (timm-style):
/// <c>forward(x) = ForwardHead(ForwardFeatures(x))</c>, a replaceable classifier and stage descriptions.
/// Subclasses register their children as private fields (field name = state_dict key).
/// </summary>
public abstract class ImageClassifier : nn.Module<Tensor, Tensor>
{
    protected ImageClassifier(string name) : base(name) { }

    /// <summary>Number of output logits.</summary>
    public abstract int NumClasses { get; }

    /// <summary>Expected channel count C of an input [N, C, H, W], read from the stem convolution at <see cref="StemName"/>,
    /// so a stem replaced with <see cref="ModuleSurgery"/> (e.g. for grayscale input) is what the input check expects.</summary>
    public virtual int InChannels
    {
        get
        {
            nn.Module module = this;
            foreach (string part in StemName.Split('.')) module = ModuleSurgery.Child(module, part, StemName);
            return module is TorchSharp.Modules.Conv2d stem
                ? (int)stem.in_channels
                : throw new InvalidOperationException($"{GetName()}'s stem '{StemName}' is a {module.GetType().Name}, not a Conv2d; override InChannels.");
        }
    }

    /// <summary>Smallest height and width the forward accepts.</summary>
    public abstract int MinInputSize { get; }

    /// <summary>When not null, the exact (H, W) the model requires (e.g. LeNet's fully connected head).</summary>
    public virtual (int Height, int Width)? FixedInputSize => null;

    /// <summary>The state_dict prefix of the stem convolution (e.g. "conv1", "features.0").</summary>
    public abstract string StemName { get; }

    /// <summary>The state_dict prefix of the final classifier layer (e.g. "fc", "classifier.6").</summary>
    public abstract string ClassifierName { get; }

    /// <summary>Feature stages, shallow to deep.</summary>
    public abstract IReadOnlyList<FeatureInfo> FeatureInfo { get; }

    /// <summary>Number of features entering the classifier (pre-logits width).</summary>
    public abstract int NumFeatures { get; }

    /// <summary>Unpooled features of the last stage, [N, C, h, w]. Validates the input first.</summary>
    public Tensor ForwardFeatures(Tensor input)
    {
        ValidateInput(input);
        return Features(input);
    }

    /// <summary>Pools and classifies features; with <paramref name="preLogits"/> returns the pooled
    /// [N, NumFeatures] vector that enters the final classifier layer.</summary>
    public abstract Tensor ForwardHead(Tensor features, bool preLogits = false);

    /// <summary>Replaces the final classifier layer with a freshly initialised one for
    /// <paramref name="numClasses"/> outputs (0 = identity, the model then returns pre-logits).</summary>
    public abstract void ResetClassifier(int numClasses);

    /// <summary>The final classifier layer module.</summary>
    public abstract nn.Module<Tensor, Tensor> GetClassifier();

    /// <summary>A new, independently initialised model of the same architecture: this model's options with its current
    /// <see cref="NumClasses"/> and <see cref="InChannels"/>. <see cref="Inference.ModelCopy"/> loads this model's state into
    /// it to make an independent copy. The default is null (not rebuildable); every zoo family overrides it.</summary>
    public virtual ImageClassifier? NewInstance() => null;

    public override Tensor forward(Tensor input) => ForwardHead(ForwardFeatures(input));

    /// <summary>The state in PyTorch's order (per module: parameters, buffers, then children), so key lists and
    /// written checkpoints match torchvision's entry for entry; see <see cref="TorchStateDict"/>.</summary>
    public override Dictionary<string, Tensor> state_dict(Dictionary<string, Tensor>? destination = null, string? prefix = null) =>
        TorchStateDict.InPyTorchOrder(this, destination, prefix);

    protected abstract Tensor Features(Tensor input);

    /// <summary>Throws an <see cref="ArgumentException"/> naming the expected [N, C, H, W] form when the input
    /// cannot go through this model, instead of letting libtorch fail deep inside.</summary>
    public void ValidateInput(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        int channels = InChannels;
        string expected = FixedInputSize is { } f
            ? $"[N, {channels}, {f.Height}, {f.Width}]"
            : $"[N, {channels}, H, W] with H, W >= {MinInputSize}";
        if (input.dim() != 4)
            throw new ArgumentException(
                $"{GetName()} expects a 4-D input {expected}; got shape {ShapeText(input)}.", nameof(input));
        long c = input.shape[1], h = input.shape[2], w = input.shape[3];
        if (c != channels)
            throw new ArgumentException(
                $"{GetName()} expects {channels} input channel(s), {expected}; got shape {ShapeText(input)}.", nameof(input));
        if (FixedInputSize is { } size && (h != size.Height || w != size.Width))
            throw new ArgumentException(
                $"{GetName()} expects input {expected}; got shape {ShapeText(input)}.", nameof(input));
        if (h < MinInputSize || w < MinInputSize)
            throw new ArgumentException(
                $"{GetName()} expects input {expected}; got shape {ShapeText(input)}, which is too small.", nameof(input));
        if (input.dtype != ScalarType.Float32 && input.dtype != ScalarType.Float64
            && input.dtype != ScalarType.Float16 && input.dtype != ScalarType.BFloat16)
            throw new ArgumentException(
                $"{GetName()} expects a floating-point input; got dtype {input.dtype}.", nameof(input));
    }

    internal static string ShapeText(Tensor t) => "[" + string.Join(", ", t.shape) + "]";
}
