using System.Globalization;
using System.Text.Json.Nodes;

namespace ModelZoo.Training.Callbacks;

/// <summary>
/// Stops training when the monitored metric has not improved for <see cref="Patience"/> epochs (Lightning's
/// EarlyStopping): after every epoch the value is compared with the best so far (<see cref="MetricMonitor"/>); an
/// improvement resets the count, <see cref="Patience"/> epochs without one stop the run after that epoch. The best value
/// and the count travel in training checkpoints, so a resumed run stops where the uninterrupted one would.
/// </summary>
public sealed class EarlyStopping : IStatefulCallback
{
    public EarlyStopping(MetricMonitor monitor, int patience = 3)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        if (patience < 1) throw new ArgumentOutOfRangeException(nameof(patience), patience, "Patience must be >= 1 epoch.");
        Monitor = monitor;
        Patience = patience;
    }

    public EarlyStopping(string metric = "eval_loss", int patience = 3, MonitorMode mode = MonitorMode.Auto, double minDelta = 0)
        : this(new MetricMonitor(metric, mode, minDelta), patience) { }

    public MetricMonitor Monitor { get; }
    public int Patience { get; }

    /// <summary>Best monitored value so far (null before the first epoch).</summary>
    public double? Best { get; private set; }

    /// <summary>Epochs since the last improvement.</summary>
    public int Wait { get; private set; }

    /// <summary>The epoch after which this callback stopped the run, or null.</summary>
    public int? StoppedEpoch { get; private set; }

    /// <summary>Before the checkpoint of the same epoch, so the saved state includes this epoch's decision.</summary>
    public int Order => 60;
    public string StateKey => "early_stopping";

    public void OnEpochEnd(TrainerContext context, EpochMetrics metrics)
    {
        double value = Monitor.ValueOf(metrics, nameof(EarlyStopping));
        if (Monitor.Improves(value, Best))
        {
            Best = value;
            Wait = 0;
            return;
        }
        if (++Wait < Patience) return;
        StoppedEpoch = metrics.Epoch;
        context.StopRequested = true;
        context.StopReason = string.Create(CultureInfo.InvariantCulture,
            $"early stopping: {Monitor.Metric} did not improve on {Best:G6} for {Wait} epoch(s)");
    }

    public JsonNode? SaveState() => new JsonObject
    {
        ["best"] = Best is { } b && double.IsFinite(b) ? b : (double?)null, ["wait"] = Wait, ["stopped_epoch"] = StoppedEpoch, ["metric"] = Monitor.Metric,
    };

    public void LoadState(JsonNode? state)
    {
        if (state is null) return;
        Best = state["best"]?.GetValue<double>();
        Wait = state["wait"]?.GetValue<int>() ?? 0;
        StoppedEpoch = state["stopped_epoch"]?.GetValue<int>();
    }
}
