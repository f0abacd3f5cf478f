using ModelZoo.Core.Preprocessing;
using ModelZoo.Data;
using ModelZoo.Data.Catalog;
using ModelZoo.Models.Inference;
using ModelZoo.Models.Resolution;
using ModelZoo.Training.Inference;

namespace ModelZoo.Training.Jobs;

/// <summary>Evaluates weights on a range of a dataset. The weights are resolved by <see cref="ModelResolver"/>: a ModelZoo
/// checkpoint (model options, classes and normalisation come from it), a PyTorch .pth / safetensors / TorchSharp file
/// loaded strictly into the named model built for the dataset (the family's rule for its images, e.g. LeNet-5 at 28×28),
/// or catalog weights (their own preset on images of varying size). <see cref="EvaluateJobOptions"/> can say how the
/// weights were trained instead (preprocessing, key names). The resolved model then runs through the inference fast
/// path (<see cref="EvaluateJobOptions.Inference"/>, default <see cref="InferenceOptions.Default"/>) in place.</summary>
public static class EvaluateJob
{
    public static EvaluationResult Run(string modelName, string weightsPath, string datasetName, string? dataDirectory,
        IndexRange? range = null, int batchSize = 256, CancellationToken cancellationToken = default, int workers = 0) =>
        Run(new EvaluateJobOptions
        {
            Model = modelName, Weights = weightsPath, Dataset = datasetName, DataDirectory = dataDirectory, Range = range,
            BatchSize = batchSize, Workers = workers,
        }, cancellationToken).Evaluation;

    /// <summary>Evaluates with the preprocessing and key matching of <paramref name="options"/>.</summary>
    public static EvaluateJobResult Run(EvaluateJobOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Preprocessing.Validate();
        (IClassificationDataset dataset, DatasetSpec spec) = DatasetCatalog.Open(options.Dataset, options.DataDirectory);
        using ResolvedModel resolved = ModelResolver.Resolve(options.Model, options.Weights, new ResolveOptions
        {
            Model = new ModelOptions { NumClasses = spec.Classes.Count, InputSize = options.Preprocessing.InputSize },
            Input = DataPipeline.InputOf(spec),
            Loading = options.Loading,
        }, cancellationToken: cancellationToken);
        ImageClassifier model = resolved.Model;
        if (spec.Classes.Count != model.NumClasses)
            throw new ArgumentException($"Dataset '{spec.Name}' has {spec.Classes.Count} classes; the model has {model.NumClasses}.");
        IndexRange r = options.Range ?? new IndexRange(0, dataset.Count);
        DataLoader loader = DataPipeline.Loader(dataset, r, Preprocessing(resolved, spec, options.Preprocessing),
            new DataLoaderOptions { BatchSize = options.BatchSize, Workers = options.Workers });
        using InferenceModel fast = FastInference.Optimize(model, options.Inference with { InPlace = true });   // the job owns the model
        return new EvaluateJobResult(Metrics.ClassificationMetrics.Evaluate(fast.Model, loader, spec.Classes, cancellationToken: cancellationToken), resolved.LoadResult);
    }

    /// <summary>Fixed-size data is fitted to the model as in training, normalised as the weights expect when known, else
    /// with the dataset's statistics; images of varying size get the weights' own preset when known. Overrides replace
    /// the statistics (<c>--mean</c>/<c>--std</c>) or the whole image fit (<c>--preset</c>, <c>--resize</c>, <c>--crop</c>,
    /// <c>--pad</c>).</summary>
    private static ITransform Preprocessing(ResolvedModel resolved, DatasetSpec spec, PreprocessingOverrides overrides)
    {
        int preferred = Zoo.Get(resolved.ModelName).DefaultImageSize;
        DatasetSpec basis = overrides.Mean is { } mean
            ? spec with { Mean = mean.ToArray(), Std = overrides.Std!.ToArray() }
            : resolved.PreprocessingKnown ? spec with { Mean = resolved.Preprocessing.Mean.ToArray(), Std = resolved.Preprocessing.Std.ToArray() } : spec;
        if (overrides.ChangesImages) return overrides.ForDataset(resolved.Model, resolved.ModelName, basis, preferred);
        if (resolved.Model.InChannels != spec.Channels || basis.Mean.Length != spec.Channels)
            throw new ArgumentException(
                $"Model expects {resolved.Model.InChannels} input channel(s) but dataset '{spec.Name}' has {spec.Channels}.");
        if (resolved.PreprocessingKnown && !spec.FixedSize)
            return PresetTransforms.FromPreset(new InferencePreset(resolved.Preprocessing.ResizeSize, resolved.Preprocessing.CropSize,
                resolved.Preprocessing.Interpolation, basis.Mean, basis.Std));
        return DataPipeline.Preprocessing(resolved.Model, basis, preferred, augment: null);
    }
}
