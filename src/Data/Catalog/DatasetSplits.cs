namespace ModelZoo.Data.Catalog;

/// <summary>A named dataset opened for training: its training split, its evaluation split when the dataset has a
/// separate one (ImageFolder's val/), and its <see cref="DatasetSpec"/>.</summary>
public sealed record DatasetSplits(IClassificationDataset Train, IClassificationDataset? Eval, DatasetSpec Spec);
