using ModelZoo.Models.Transfer;
using TorchSharp.Modules;

namespace ModelZoo.Training;

/// <summary>Builds the optimizer named by <see cref="TrainerOptions"/> over the trainable parameters.</summary>
public static class Optimizers
{
    public static optim.Optimizer Create(IEnumerable<Parameter> parameters, TrainerOptions options)
    {
        Parameter[] trainable = parameters.Where(p => p.requires_grad).ToArray();
        if (trainable.Length == 0) throw new InvalidOperationException("The model has no trainable parameters (all frozen?).");
        double lr = options.LearningRate, wd = options.WeightDecay;
        return options.Optimizer switch
        {
            OptimizerKind.Sgd => optim.SGD(trainable, lr, momentum: options.Momentum, weight_decay: wd),
            OptimizerKind.Nesterov => optim.SGD(trainable, lr, momentum: options.Momentum, weight_decay: wd, nesterov: true),
            OptimizerKind.Adam => optim.Adam(trainable, lr, weight_decay: wd),
            OptimizerKind.AdamW => optim.AdamW(trainable, lr, weight_decay: wd),
            OptimizerKind.RmsProp => optim.RMSProp(trainable, lr, weight_decay: wd),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Optimizer, "Unknown optimizer."),
        };
    }

    /// <summary>Drops the gradients of every parameter <paramref name="optimizer"/> updates (PyTorch's
    /// <c>zero_grad(set_to_none=True)</c>, its default since 2.0) instead of filling them with zeros as TorchSharp's
    /// <c>zero_grad</c> does: the next backward then hands its fresh gradient to the parameter instead of adding it to a
    /// zero tensor, which saves a pass over all gradients twice per step. The values reaching the optimizer are
    /// identical (0 + g = g); a parameter that gets no gradient in a step is skipped by the step instead of moving with
    /// a zero gradient's momentum.</summary>
    public static void ClearGradients(optim.Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        foreach (Parameter p in optimizer.parameters())
        {
            Tensor? grad = p.grad;
            if (grad is null) continue;
            grad.Dispose();
            p.grad = null;
        }
    }

    /// <summary>An optimizer with one parameter group per <paramref name="groups"/> entry, each with its own learning rate
    /// (and weight decay when set); momentum and the rest come from <paramref name="options"/>. Frozen parameters are skipped.</summary>
    public static optim.Optimizer Create(IReadOnlyList<ParameterGroup> groups, TrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(options);
        var trainable = groups
            .Select(g => (Group: g, Parameters: g.Parameters.Where(p => p.requires_grad).ToArray()))
            .Where(g => g.Parameters.Length > 0).ToArray();
        if (trainable.Length == 0) throw new InvalidOperationException("The parameter groups hold no trainable parameters (all frozen?).");
        var duplicates = trainable.SelectMany(g => g.Parameters).GroupBy(p => p.Handle).Where(g => g.Count() > 1).ToArray();
        if (duplicates.Length > 0) throw new ArgumentException($"{duplicates.Length} parameter(s) appear in more than one group.", nameof(groups));
        double lr = options.LearningRate, wd = options.WeightDecay;
        bool nesterov = options.Optimizer == OptimizerKind.Nesterov;
        return options.Optimizer switch
        {
            OptimizerKind.Sgd or OptimizerKind.Nesterov => optim.SGD(trainable.Select(g => new SGD.ParamGroup(g.Parameters,
                new SGD.Options { LearningRate = g.Group.LearningRate, weight_decay = g.Group.WeightDecay })),
                lr, momentum: options.Momentum, weight_decay: wd, nesterov: nesterov),
            OptimizerKind.Adam => optim.Adam(trainable.Select(g => new Adam.ParamGroup(g.Parameters,
                new Adam.Options { LearningRate = g.Group.LearningRate, weight_decay = g.Group.WeightDecay })),
                lr, weight_decay: wd),
            OptimizerKind.AdamW => optim.AdamW(trainable.Select(g => new AdamW.ParamGroup(g.Parameters,
                new AdamW.Options { LearningRate = g.Group.LearningRate, weight_decay = g.Group.WeightDecay })),
                lr, weight_decay: wd),
            OptimizerKind.RmsProp => optim.RMSProp(trainable.Select(g => new RMSProp.ParamGroup(g.Parameters,
                new RMSProp.Options { LearningRate = g.Group.LearningRate, weight_decay = g.Group.WeightDecay })),
                lr, weight_decay: wd),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Optimizer, "Unknown optimizer."),
        };
    }
}
