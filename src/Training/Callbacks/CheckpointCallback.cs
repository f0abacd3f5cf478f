using ModelZoo.Training.Checkpoints;

namespace ModelZoo.Training.Callbacks;

/// <summary>
/// Saves a checkpoint when training ends (and optionally after every epoch), atomically. By default the checkpoint is
/// a training checkpoint: besides the weights it holds the optimizer state, the history and the callbacks' state, so
/// <see cref="TrainerOptions.ResumeFrom"/> can continue the run exactly; the tensors of <see cref="ITensorStateCallback"/>s
/// (e.g. <see cref="ExponentialMovingAverage"/> weights) go into its tensor section.
/// </summary>
public sealed class CheckpointCallback : ITrainerCallback
{
    private readonly string _path;
    private readonly Func<int, EpochMetrics?, CheckpointInfo> _info;
    private readonly bool _everyEpoch;
    private readonly bool _trainingState;

    /// <param name="trainingState">Store what resuming needs (default true); false writes weights and metadata only.</param>
    public CheckpointCallback(string path, Func<int, EpochMetrics?, CheckpointInfo> info, bool everyEpoch = false, bool trainingState = true)
    {
        _path = path;
        _info = info;
        _everyEpoch = everyEpoch;
        _trainingState = trainingState;
    }

    public int Order => 200;
    public string Path => _path;

    public void OnEpochEnd(TrainerContext context, EpochMetrics metrics)
    {
        if (_everyEpoch) Save(context, metrics.Epoch, metrics);
    }

    public void OnFitEnd(TrainerContext context, TrainingResult result)
    {
        EpochMetrics? last = result.Epochs.Count > 0 ? result.Last : null;
        Save(context, last?.Epoch ?? 0, last);
    }

    private void Save(TrainerContext context, int epoch, EpochMetrics? metrics) => Write(context, _info(epoch, metrics), _path, _trainingState);

    /// <summary>Writes <paramref name="info"/> and the model to <paramref name="path"/>: with <paramref name="trainingState"/>, also
    /// what resuming needs (optimizer state, the callbacks' JSON state and tensors); otherwise the inference weights only
    /// (the averaged ones when a callback provides them).</summary>
    internal static void Write(TrainerContext context, CheckpointInfo info, string path, bool trainingState)
    {
        if (trainingState)
        {
            Checkpoint.Save(context.Model, info with { Training = context.CaptureState() }, path, context.Optimizer, context.CaptureTensors());
            return;
        }
        if (context.Callbacks.OfType<IInferenceWeights>().FirstOrDefault() is { } averaged)
        {
            using IDisposable swapped = averaged.SwapIn(context.Model);
            Checkpoint.Save(context.Model, info, path);
            return;
        }
        Checkpoint.Save(context.Model, info, path);
    }
}
