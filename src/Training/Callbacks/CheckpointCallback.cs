using ModelZoo.Training.Checkpoints;

namespace ModelZoo.Training.Callbacks;

/// <summary>
/// Saves a checkpoint when training ends (and optionally after every epoch), atomically. By default the checkpoint is
/// a training checkpoint: besides the weights it holds the optimizer state, the history and the callbacks' state, so
/// <see cref="TrainerOptions.ResumeFrom"/> can continue the run exactly.
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

    private void Save(TrainerContext context, int epoch, EpochMetrics? metrics)
    {
        CheckpointInfo info = _info(epoch, metrics);
        if (_trainingState) Checkpoint.Save(context.Model, info with { Training = context.CaptureState() }, _path, context.Optimizer);
        else Checkpoint.Save(context.Model, info, _path);
    }
}
