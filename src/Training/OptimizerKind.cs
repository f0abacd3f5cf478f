namespace ModelZoo.Training;

/// <summary>Optimizers the trainer can build.</summary>
public enum OptimizerKind { Sgd, Adam, AdamW }
