using ModelZoo.Data;
using ModelZoo.Data.Catalog;
using ModelZoo.Data.Datasets.Composition;

namespace ModelZoo.Training.Jobs;

/// <summary>The training and evaluation sets of a fine-tune job (ranges, class filter and limit applied), opened after
/// <see cref="RunBuilder.PrepareDataAsync"/> has checked and filled the data directory.</summary>
internal sealed record FinetuneData(IClassificationDataset Train, IClassificationDataset Eval, DatasetSpec Spec)
{
    public static FinetuneData Open(FinetuneJobOptions options)
    {
        DatasetSplits splits = DatasetCatalog.OpenSplits(options.Dataset, options.DataDirectory, options.Seed);
        IClassificationDataset train, eval;
        if (splits.Eval is { } separate)
        {
            train = Range(splits.Train, options.TrainRange);
            eval = Range(separate, options.EvalRange);
        }
        else if (!splits.Spec.FixedSize && options.TrainRange is null && options.EvalRange is null)
        {
            // One ImageFolder tree lists its items class by class: a seeded random 80/20 split keeps every class in both parts.
            ClassificationSubset[] parts = RandomSplit.Split(splits.Train, new[] { 0.8, 0.2 }, options.Seed);
            (train, eval) = (parts[0], parts[1]);
        }
        else
        {
            (IndexRange defTrain, IndexRange defEval) = DataPipeline.DefaultRanges(splits.Train.Count);
            train = Range(splits.Train, options.TrainRange ?? defTrain);
            eval = Range(splits.Train, options.EvalRange ?? defEval);
        }
        if (options.Classes is { Count: > 0 } names)
        {
            int[] classes = ClassSubset.ResolveClasses(train, names);
            train = ClassSubset.Of(train, classes, options.TrainLimit);
            eval = ClassSubset.Of(eval, classes);
        }
        else if (options.TrainLimit is { } limit && limit < train.Count)
        {
            train = ClassificationSubset.Range(train, 0, limit);
        }
        return new FinetuneData(train, eval, splits.Spec with { Classes = train.Classes });
    }

    private static IClassificationDataset Range(IClassificationDataset data, IndexRange? range)
    {
        if (range is not { } r) return data;
        if (r.End > data.Count)
            throw new ArgumentOutOfRangeException(nameof(range), $"Range {r} is past the end of the dataset split, which has {data.Count} items.");
        return ClassificationSubset.Range(data, r.Start, r.End);
    }
}
