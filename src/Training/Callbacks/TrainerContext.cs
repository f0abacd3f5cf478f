using ModelZoo.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Training;

/// <summary>What callbacks see of a running fit.</summary>
public sealed class TrainerContext
{
    internal TrainerContext(ImageClassifier model, optim.Optimizer optimizer, TrainerOptions options, Device device)
    {
        Model = model;
        Optimizer = optimizer;
        Options = options;
        Device = device;
    }

    public ImageClassifier Model { get; }
    public optim.Optimizer Optimizer { get; }
    public TrainerOptions Options { get; }
    public Device Device { get; }

    /// <summary>Metrics of the epochs finished so far.</summary>
    public List<EpochMetrics> History { get; } = new();

    /// <summary>Set by a callback (e.g. early stopping) to end training after the current step.</summary>
    public bool StopRequested { get; set; }
}
