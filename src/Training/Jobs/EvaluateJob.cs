using ModelZoo.Data;
using ModelZoo.Data.Catalog;
using ModelZoo.Data.Loading;
using ModelZoo.Data.Transforms;
using ModelZoo.Models;
using ModelZoo.Models.Resolution;
using ModelZoo.Training.Inference;

namespace ModelZoo.Training.Jobs;

/// <summary>Evaluates weights on a range of a dataset. The weights are resolved by <see cref="ModelResolver"/>: a ModelZoo
/// checkpoint (model options, classes and normalisation come from it), a PyTorch .pth / safetensors / TorchSharp file
/// loaded strictly into the named model built for the dataset (the family's rule for its images, e.g. LeNet-5 at 28×28),
/// or catalog weights (their own preset on images of varying size).</summary>
public static class EvaluateJob
{
    public static EvaluationResult Run(string modelName, string weightsPath, string datasetName, string? dataDirectory,
        IndexRange? range = null, int batchSize = 256, CancellationToken cancellationToken = default, int workers = 0)
    {
        (IClassificationDataset dataset, DatasetSpec spec) = DatasetCatalog.Open(datasetName, dataDirectory);
        using ResolvedModel resolved = ModelResolver.Resolve(modelName, weightsPath, new ResolveOptions
        {
            Model = new ModelOptions { NumClasses = spec.Classes.Count },
            Input = DataPipeline.InputOf(spec),
        }, cancellationToken: cancellationToken);
        ImageClassifier model = resolved.Model;
        if (spec.Classes.Count != model.NumClasses)
            throw new ArgumentException($"Dataset '{spec.Name}' has {spec.Classes.Count} classes; the model has {model.NumClasses}.");
        IndexRange r = range ?? new IndexRange(0, dataset.Count);
        DataLoader loader = DataPipeline.Loader(dataset, r, Preprocessing(resolved, spec),
            new DataLoaderOptions { BatchSize = batchSize, Workers = workers });
        return Evaluator.Evaluate(model, loader, cancellationToken: cancellationToken);
    }

    /// <summary>Fixed-size data is fitted to the model as in training, normalised as the weights expect when known, else
    /// with the dataset's statistics; images of varying size get the weights' own preset when known.</summary>
    private static ITransform Preprocessing(ResolvedModel resolved, DatasetSpec spec)
    {
        if (!resolved.PreprocessingKnown)
            return DataPipeline.Preprocessing(resolved.Model, spec, Zoo.Get(resolved.ModelName).DefaultImageSize, augment: null);
        if (resolved.Model.InChannels != spec.Channels || resolved.Preprocessing.Mean.Count != spec.Channels)
            throw new ArgumentException(
                $"Model expects {resolved.Model.InChannels} input channel(s) but dataset '{spec.Name}' has {spec.Channels}.");
        if (!spec.FixedSize) return InferenceTransforms.FromPreset(resolved.Preprocessing);
        DatasetSpec normalised = spec with { Mean = resolved.Preprocessing.Mean.ToArray(), Std = resolved.Preprocessing.Std.ToArray() };
        return DataPipeline.Preprocessing(resolved.Model, normalised, Zoo.Get(resolved.ModelName).DefaultImageSize, augment: null);
    }
}
