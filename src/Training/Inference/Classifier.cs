using ModelZoo.Core.Preprocessing;
using ModelZoo.Data.Imaging;
using ModelZoo.Models.Inference;
using ModelZoo.Models.Resolution;

namespace ModelZoo.Training.Inference;

/// <summary>
/// Classifies images with a model, its preprocessing and its class names:
/// <code>
/// using ResolvedModel loaded = ModelResolver.Resolve("resnet50", "DEFAULT");
/// var classifier = Classifier.For(loaded);
/// IReadOnlyList&lt;Prediction&gt; top5 = classifier.Predict("dog.jpg", topK: 5);
/// </code>
/// Images are decoded upright (EXIF) to RGB, or to grayscale for one-channel models, transformed, and run in eval mode
/// without gradients, one dispose scope per call. The classifier does not own the model.
/// By default it predicts through the inference fast path (<see cref="FastInference"/>: batch norms folded, channels-last
/// where it helps, float32) on a copy of the model made when the classifier is created, so later changes to the model's
/// weights are not seen; <c>inference: InferenceOptions.Plain</c> runs the model itself.
/// </summary>
public sealed class Classifier : IDisposable
{
    private readonly ImageClassifier _model;
    private readonly Device _device;
    private readonly InferenceModel _inference;

    /// <param name="model">The model (switched to eval mode for each prediction).</param>
    /// <param name="transform">ImageBuffer → float [C, H, W] tensor (e.g. <see cref="InferenceTransforms.FromPreset"/>).</param>
    /// <param name="labels">Class names in output order; null or too short names classes by index.</param>
    /// <param name="device">Where to run ("cpu", "cuda"); null keeps the model's device.</param>
    /// <param name="inference">The fast path's options (default <see cref="InferenceOptions.Default"/>; <see cref="InferenceOptions.Plain"/> opts out).</param>
    public Classifier(ImageClassifier model, ITransform transform, IReadOnlyList<string>? labels = null, string? device = null,
        InferenceOptions? inference = null)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        Transform = transform ?? throw new ArgumentNullException(nameof(transform));
        if (transform.InputType != typeof(ImageBuffer) || transform.OutputType != typeof(Tensor))
            throw new ArgumentException($"The transform must take an ImageBuffer and return a Tensor; got {transform.InputType.Name} → {transform.OutputType.Name}.", nameof(transform));
        if (labels is not null && labels.Count != model.NumClasses)
            throw new ArgumentException($"{labels.Count} labels given for a model with {model.NumClasses} classes.", nameof(labels));
        Labels = labels;
        if (device is not null) model.to(Devices.Resolve(device));
        _device = model.parameters().FirstOrDefault()?.device ?? torch.CPU;
        _inference = FastPath(model, inference ?? InferenceOptions.Default);
    }

    /// <summary>A classifier for a resolved model: its preprocessing (<see cref="ResolvedModel.Preprocessing"/>) unless
    /// <paramref name="transform"/> replaces it, and its labels; <paramref name="inference"/> as in the constructor.</summary>
    public static Classifier For(ResolvedModel loaded, ITransform? transform = null, string? device = null, InferenceOptions? inference = null)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        return new Classifier(loaded.Model, transform ?? InferenceTransforms.FromPreset(loaded.Preprocessing), loaded.Labels, device, inference);
    }

    public ImageClassifier Model => _model;

    /// <summary>What runs the predictions: the fast-path copy, or the model itself (<see cref="InferenceModel.Description"/>).</summary>
    public InferenceModel Inference => _inference;
    public ITransform Transform { get; }
    public IReadOnlyList<string>? Labels { get; }

    /// <summary>Decodes the image file and predicts its top <paramref name="topK"/> classes.</summary>
    public IReadOnlyList<Prediction> Predict(string imagePath, int topK = 5) =>
        Predict(ImageDecoder.Decode(imagePath, _model.InChannels == 1 ? ImageMode.L : ImageMode.Rgb), topK);

    /// <summary>The top <paramref name="topK"/> classes of <paramref name="image"/>, most probable first (ranked by logit,
    /// which orders like the probabilities and still does where those underflow to 0).</summary>
    public IReadOnlyList<Prediction> Predict(ImageBuffer image, int topK = 5) => PredictBatch(new[] { image }, topK)[0];

    /// <summary>Top-k predictions of several images in one forward pass (they must transform to equal sizes).</summary>
    public IReadOnlyList<IReadOnlyList<Prediction>> PredictBatch(IReadOnlyList<ImageBuffer> images, int topK = 5)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count == 0) return Array.Empty<IReadOnlyList<Prediction>>();
        if (topK < 1) throw new ArgumentOutOfRangeException(nameof(topK), topK, "topK must be >= 1.");
        int k = Math.Min(topK, _model.NumClasses);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        Tensor logits = Logits(images);
        // Rank by logit: softmax keeps the order, but its probabilities can underflow to equal zeros, which would
        // leave every rank after the first in arbitrary order.
        (Tensor _, Tensor indices) = logits.topk(k, dim: 1);
        Tensor values = logits.softmax(1).gather(1, indices);
        var result = new IReadOnlyList<Prediction>[images.Count];
        float[] logit = logits.data<float>().ToArray();
        float[] p = values.data<float>().ToArray();
        long[] index = indices.data<long>().ToArray();
        int classes = _model.NumClasses;
        for (int n = 0; n < images.Count; n++)
        {
            var row = new Prediction[k];
            for (int j = 0; j < k; j++)
            {
                int c = (int)index[n * k + j];
                row[j] = new Prediction(c, LabelOf(c), p[n * k + j], logit[n * classes + c]);
            }
            result[n] = row;
        }
        return result;
    }

    /// <summary>Raw logits [N, classes] (float32, on the CPU) for <paramref name="images"/>; the caller disposes them.</summary>
    public Tensor Logits(IReadOnlyList<ImageBuffer> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var random = new Random(0);   // eval transforms draw nothing; the RNG only satisfies the interface
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        Tensor[] inputs = images.Select(image => (Tensor)Transform.Apply(image ?? throw new ArgumentNullException(nameof(images)), random)).ToArray();
        if (inputs.Select(t => string.Join("x", t.shape)).Distinct().Count() > 1)
            throw new ArgumentException($"The images transform to different sizes ({string.Join(", ", inputs.Select(t => "[" + string.Join(", ", t.shape) + "]"))}); use a transform that crops to a fixed size.", nameof(images));
        Tensor batch = torch.stack(inputs).to(_device);
        Tensor logits = _inference.Logits(batch);
        if (logits.dim() != 2 || logits.shape[1] != _model.NumClasses)
            throw new InvalidOperationException($"{_model.GetName()} returned shape [{string.Join(", ", logits.shape)}]; expected [N, {_model.NumClasses}].");
        return logits.to(ScalarType.Float32).cpu().MoveToOuterDisposeScope();
    }

    /// <summary>Releases the fast path's copy of the model (not the model itself).</summary>
    public void Dispose() => _inference.Dispose();

    /// <summary>The fast path, or the plain model when it cannot be copied (e.g. after surgery beyond head and stem).</summary>
    private static InferenceModel FastPath(ImageClassifier model, InferenceOptions options)
    {
        try
        {
            return FastInference.Optimize(model, options);
        }
        catch (NotSupportedException) when (!options.InPlace)
        {
            return FastInference.Optimize(model, InferenceOptions.Plain);
        }
    }

    private string LabelOf(int index) => Labels is not null ? Labels[index] : index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
