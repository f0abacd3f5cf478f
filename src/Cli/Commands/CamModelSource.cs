using ModelZoo.Cli.Output;
using ModelZoo.Data.Transforms;
using ModelZoo.Models;
using ModelZoo.Models.Pretrained;
using ModelZoo.Models.Weights;
using ModelZoo.Training.Inference;

namespace ModelZoo.Cli.Commands;

/// <summary>A model with its weights, the evaluation preprocessing and class names, for `cam` and `filters`.
/// Disposing releases the model.</summary>
internal sealed record CamModelSource(ImageClassifier Model, ITransform Transform, IReadOnlyList<string>? Labels, string Weights,
    IDisposable Owner) : IDisposable
{
    /// <summary>What the user named with --weights: a catalog name, a weights file, or a `modelzoo train` checkpoint (its
    /// classes and training preprocessing). The one place the CAM verbs resolve weights (to be replaced by the shared
    /// resolver of every verb).</summary>
    public static async Task<CamModelSource> ResolveAsync(CliContext context, string model, string weights, PretrainedOptions options,
        CamPreprocessing? preprocessing, CancellationToken cancellationToken)
    {
        CamPreprocessing p = preprocessing ?? new CamPreprocessing(null, null, null, null, null);
        if (File.Exists(weights) && WeightFile.Detect(weights) == WeightFileFormat.ModelZooCheckpoint)
        {
            if (p.Preset is not null || p.Resize is not null || p.Crop is not null || p.Mean is { Length: > 0 } || p.Std is { Length: > 0 })
                throw new ArgumentException("A training checkpoint brings its own preprocessing; drop --preset/--resize/--crop/--mean/--std.");
            CheckpointClassifier checkpoint = CheckpointClassifier.Load(weights);
            if (!string.Equals(checkpoint.Info.Model, model, StringComparison.OrdinalIgnoreCase))
            {
                checkpoint.Dispose();
                throw new ArgumentException($"Checkpoint {weights} holds model '{checkpoint.Info.Model}', not '{model}'.");
            }
            return new CamModelSource(checkpoint.Model, checkpoint.Classifier.Transform, checkpoint.Classifier.Labels, weights, checkpoint);
        }
        PretrainedModel loaded = await PretrainedLoader.LoadAsync(model, weights, options, new DownloadConsole(context).Progress, cancellationToken)
            .ConfigureAwait(false);
        try
        {
            (ITransform transform, _) = PredictCommand.ResolvePreset(loaded, model, p.Preset, p.Resize, p.Crop, p.Mean, p.Std);
            Classifier classifier = Classifier.For(loaded, transform);
            return new CamModelSource(loaded.Model, transform, classifier.Labels, loaded.Weights?.Name ?? loaded.File, loaded);
        }
        catch
        {
            loaded.Dispose();
            throw;
        }
    }

    public void Dispose() => Owner.Dispose();
}

/// <summary>The preprocessing options shared with `predict` (null = the weights' own preset).</summary>
internal sealed record CamPreprocessing(string? Preset, int? Resize, int? Crop, double[]? Mean, double[]? Std);
