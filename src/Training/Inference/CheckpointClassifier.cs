using ModelZoo.Data.Catalog;
using ModelZoo.Data.Transforms;
using ModelZoo.Models;
using ModelZoo.Models.Inference;
using ModelZoo.Training.Checkpoints;
using ModelZoo.Training.Jobs;

namespace ModelZoo.Training.Inference;

/// <summary>
/// A <see cref="Classifier"/> over a ModelZoo checkpoint (from `modelzoo train` or `finetune`), with the preprocessing
/// the model was trained with: images are first resized to the training images' size (28×28 for MNIST), then fitted to
/// the model exactly as in training (e.g. padded to LeNet-5's 32×32) and normalised with the stored mean and std.
/// Owns the model it loads.
/// </summary>
public sealed class CheckpointClassifier : IDisposable
{
    private CheckpointClassifier(ImageClassifier model, CheckpointInfo info, Classifier classifier)
    {
        Model = model;
        Info = info;
        Classifier = classifier;
    }

    public ImageClassifier Model { get; }
    public CheckpointInfo Info { get; }
    public Classifier Classifier { get; }

    /// <param name="inference">The fast path's options (default <see cref="InferenceOptions.Default"/>), applied to the loaded model in place.</param>
    public static CheckpointClassifier Load(string path, string? device = null, InferenceOptions? inference = null)
    {
        inference ??= InferenceOptions.Default;
        (ImageClassifier model, CheckpointInfo info) = Checkpoint.Load(path);
        try
        {
            int channels = model.InChannels;
            double[] mean = info.Mean ?? (channels == 1 ? new[] { 0.5 } : Presets.ImageNetMean.ToArray());
            double[] std = info.Std ?? (channels == 1 ? new[] { 0.5 } : Presets.ImageNetStd.ToArray());
            IReadOnlyList<string> classes = info.Classes ?? Enumerable.Range(0, model.NumClasses).Select(i => i.ToString()).ToArray();
            int[] size = info.ImageSize is { Length: 2 } s ? s : new[] { 0, 0 };
            var spec = new DatasetSpec(info.Model, channels, size[0], size[1], mean, std, classes);
            int preferred = Zoo.Get(info.Model).DefaultInputShape is { Length: 3 } shape ? shape[1] : 224;
            ITransform fit = DataPipeline.Preprocessing(model, spec, preferred, augment: null);
            ITransform transform = spec.FixedSize ? new Compose(new Resize((spec.Height, spec.Width)), fit) : fit;
            return new CheckpointClassifier(model, info, new Classifier(model, transform, classes, device, inference with { InPlace = true }));   // owns the model
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    public IReadOnlyList<Prediction> Predict(string imagePath, int topK = 5) => Classifier.Predict(imagePath, topK);

    public void Dispose() => Model.Dispose();
}
