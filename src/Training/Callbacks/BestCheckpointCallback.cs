using System.Text.Json.Nodes;
using ModelZoo.Training.Checkpoints;

namespace ModelZoo.Training.Callbacks;

/// <summary>
/// Keeps the checkpoint of the best epoch so far by a monitored metric (Lightning's ModelCheckpoint with
/// save_top_k = 1): after every epoch whose value improves on the best, the run is saved atomically to
/// <see cref="Path"/> — a training checkpoint, so it can also be resumed or fine-tuned. The best value and its epoch
/// travel in training checkpoints, so a resumed run only replaces it with a better epoch. Pair it with a
/// <see cref="CheckpointCallback"/> for the last epoch.
/// </summary>
public sealed class BestCheckpointCallback : IStatefulCallback
{
    private readonly Func<int, EpochMetrics?, CheckpointInfo> _info;

    public BestCheckpointCallback(string path, MetricMonitor monitor, Func<int, EpochMetrics?, CheckpointInfo> info)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(monitor);
        ArgumentNullException.ThrowIfNull(info);
        Path = System.IO.Path.GetFullPath(path);
        Monitor = monitor;
        _info = info;
    }

    public string Path { get; }
    public MetricMonitor Monitor { get; }

    /// <summary>The best value so far and the epoch that reached it (null before the first epoch).</summary>
    public double? Best { get; private set; }
    public int? BestEpoch { get; private set; }

    public int Order => 190;
    public string StateKey => "best_checkpoint";

    public void OnEpochEnd(TrainerContext context, EpochMetrics metrics)
    {
        double value = Monitor.ValueOf(metrics, nameof(BestCheckpointCallback));
        if (!Monitor.Improves(value, Best)) return;
        Best = value;
        BestEpoch = metrics.Epoch;
        CheckpointCallback.Write(context, _info(metrics.Epoch, metrics), Path, trainingState: true);
    }

    public JsonNode? SaveState() => new JsonObject
    {
        ["best"] = Best is { } b && double.IsFinite(b) ? b : (double?)null, ["epoch"] = BestEpoch, ["metric"] = Monitor.Metric, ["path"] = Path,
    };

    public void LoadState(JsonNode? state)
    {
        if (state is null) return;
        Best = state["best"]?.GetValue<double>();
        BestEpoch = state["epoch"]?.GetValue<int>();
    }
}
