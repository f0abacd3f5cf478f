using ModelZoo.Training.Checkpoints;

namespace ModelZoo.Training;

/// <summary>Saves a checkpoint when training ends (and optionally after every epoch), atomically.</summary>
public sealed class CheckpointCallback : ITrainerCallback
{
    private readonly string _path;
    private readonly Func<int, EpochMetrics?, CheckpointInfo> _info;
    private readonly bool _everyEpoch;

    public CheckpointCallback(string path, Func<int, EpochMetrics?, CheckpointInfo> info, bool everyEpoch = false)
    {
        _path = path;
        _info = info;
        _everyEpoch = everyEpoch;
    }

    public int Order => 200;
    public string Path => _path;

    public void OnEpochEnd(TrainerContext context, EpochMetrics metrics)
    {
        if (_everyEpoch) Checkpoint.Save(context.Model, _info(metrics.Epoch, metrics), _path);
    }

    public void OnFitEnd(TrainerContext context, TrainingResult result)
    {
        EpochMetrics? last = result.Epochs.Count > 0 ? result.Last : null;
        Checkpoint.Save(context.Model, _info(last?.Epoch ?? 0, last), _path);
    }
}
