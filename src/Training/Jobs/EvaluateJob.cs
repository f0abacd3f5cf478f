using ModelZoo.Data;
using ModelZoo.Data.Catalog;
using ModelZoo.Data.Loading;
using ModelZoo.Models;
using ModelZoo.Models.Inference;
using ModelZoo.Models.Weights;
using ModelZoo.Models.Weights.Loading;
using ModelZoo.Training.Checkpoints;

namespace ModelZoo.Training.Jobs;

/// <summary>Evaluates saved weights on a range of a dataset: a ModelZoo checkpoint (model options, classes and
/// normalisation come from it), or a PyTorch .pth / safetensors / TorchSharp file loaded strictly into the named model
/// built for the dataset (at the dataset's native size when the model accepts it, e.g. LeNet-5 at 28×28). The model runs
/// through the inference fast path (the inference argument, default <see cref="InferenceOptions.Default"/>) in place.</summary>
public static class EvaluateJob
{
    public static EvaluationResult Run(string modelName, string weightsPath, string datasetName, string? dataDirectory,
        IndexRange? range = null, int batchSize = 256, CancellationToken cancellationToken = default, int workers = 0,
        InferenceOptions? inference = null)
    {
        ModelEntry entry = Zoo.Get(modelName);
        (IClassificationDataset dataset, DatasetSpec spec) = DatasetCatalog.Open(datasetName, dataDirectory);
        (ImageClassifier model, DatasetSpec used) = WeightFile.Detect(weightsPath) == WeightFileFormat.ModelZooCheckpoint
            ? FromCheckpoint(entry, weightsPath, spec)
            : FromStateDict(entry, weightsPath, spec);
        using (model)
        {
            if (used.Classes.Count != model.NumClasses)
                throw new ArgumentException($"Dataset '{spec.Name}' has {spec.Classes.Count} classes; the model has {model.NumClasses}.");
            IndexRange r = range ?? new IndexRange(0, dataset.Count);
            int preferred = entry.DefaultInputShape.Length == 3 ? entry.DefaultInputShape[1] : 224;
            DataLoader loader = DataPipeline.Loader(dataset, r, DataPipeline.Preprocessing(model, used, preferred, augment: null),
                new DataLoaderOptions { BatchSize = batchSize, Workers = workers });
            using InferenceModel fast = FastInference.Optimize(model, (inference ?? InferenceOptions.Default) with { InPlace = true });
            return Evaluator.Evaluate(fast.Model, loader, cancellationToken: cancellationToken);
        }
    }

    private static (ImageClassifier, DatasetSpec) FromCheckpoint(ModelEntry entry, string path, DatasetSpec spec)
    {
        (ImageClassifier model, CheckpointInfo info) = Checkpoint.Load(path);
        if (!string.Equals(info.Model, entry.Name, StringComparison.OrdinalIgnoreCase))
        {
            model.Dispose();
            throw new ArgumentException($"Weights {path} are for model '{info.Model}', not '{entry.Name}'.");
        }
        if (info.Mean is { } mean && info.Std is { } std) spec = spec with { Mean = mean, Std = std };
        return (model, spec);
    }

    private static (ImageClassifier, DatasetSpec) FromStateDict(ModelEntry entry, string path, DatasetSpec spec)
    {
        using TensorDict weights = WeightFile.ReadStateDict(path);
        var options = new ModelOptions
        {
            NumClasses = spec.Classes.Count, InChannels = spec.Channels,
            InputSize = entry.Family == "LeNet" && entry.Name == "lenet5" ? spec.Height : null,
        };
        ImageClassifier model = entry.Build(options);
        try
        {
            StateDictLoader.Load(model, weights, new LoadOptions { Strict = true });
        }
        catch
        {
            model.Dispose();
            throw;
        }
        return (model, spec);
    }
}
