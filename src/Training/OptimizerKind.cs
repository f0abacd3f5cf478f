namespace ModelZoo.Training;

/// <summary>Optimizers the trainer can build.</summary>
public enum OptimizerKind
{
    /// <summary>SGD with <see cref="TrainerOptions.Momentum"/> (heavy-ball).</summary>
    Sgd,
    Adam,
    AdamW,

    /// <summary>SGD with Nesterov momentum (<see cref="TrainerOptions.Momentum"/> must be &gt; 0).</summary>
    Nesterov,

    /// <summary>RMSprop with PyTorch's defaults (alpha 0.99, eps 1e-8, no momentum).</summary>
    RmsProp,
}
