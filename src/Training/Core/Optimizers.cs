using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelZoo.Training;

/// <summary>Builds the optimizer named by <see cref="TrainerOptions"/> over the trainable parameters.</summary>
public static class Optimizers
{
    public static optim.Optimizer Create(IEnumerable<Parameter> parameters, TrainerOptions options)
    {
        Parameter[] trainable = parameters.Where(p => p.requires_grad).ToArray();
        if (trainable.Length == 0) throw new InvalidOperationException("The model has no trainable parameters (all frozen?).");
        return options.Optimizer switch
        {
            OptimizerKind.Sgd => optim.SGD(trainable, options.LearningRate, momentum: options.Momentum, weight_decay: options.WeightDecay),
            OptimizerKind.Adam => optim.Adam(trainable, options.LearningRate, weight_decay: options.WeightDecay),
            OptimizerKind.AdamW => optim.AdamW(trainable, options.LearningRate, weight_decay: options.WeightDecay),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Optimizer, "Unknown optimizer."),
        };
    }
}
