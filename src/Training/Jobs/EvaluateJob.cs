using ModelZoo.Data;
using ModelZoo.Data.Loading;
using ModelZoo.Models;
using ModelZoo.Training.Checkpoints;

namespace ModelZoo.Training.Jobs;

/// <summary>Evaluates saved weights on a range of a dataset.</summary>
public static class EvaluateJob
{
    public static EvaluationResult Run(string modelName, string weightsPath, string datasetName, string? dataDirectory,
        IndexRange? range = null, int batchSize = 256, CancellationToken cancellationToken = default)
    {
        ModelEntry entry = Zoo.Get(modelName);
        (ImageClassifier model, CheckpointInfo info) = Checkpoint.Load(weightsPath);
        using (model)
        {
            if (!string.Equals(info.Model, entry.Name, StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"Weights {weightsPath} are for model '{info.Model}', not '{entry.Name}'.");
            (IClassificationDataset dataset, DatasetSpec spec) = DatasetCatalog.Open(datasetName, dataDirectory);
            if (info.Classes is { } classes && classes.Count != model.NumClasses)
                throw new InvalidDataException($"Checkpoint {weightsPath} lists {classes.Count} classes but its model has {model.NumClasses}.");
            if (spec.Classes.Count != model.NumClasses)
                throw new ArgumentException($"Dataset '{spec.Name}' has {spec.Classes.Count} classes; the model has {model.NumClasses}.");
            if (info.Mean is { } mean && info.Std is { } std) spec = spec with { Mean = mean, Std = std };
            IndexRange r = range ?? new IndexRange(0, dataset.Count);
            DataLoader loader = DataPipeline.Loader(dataset, r, DataPipeline.Preprocessing(model, spec), new DataLoaderOptions { BatchSize = batchSize });
            return Evaluator.Evaluate(model, loader, cancellationToken: cancellationToken);
        }
    }
}
