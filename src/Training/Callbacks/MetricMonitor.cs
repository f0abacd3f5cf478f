using System.Globalization;

namespace ModelZoo.Training.Callbacks;

/// <summary>
/// A metric of <see cref="EpochMetrics"/> to watch (any name <see cref="EpochMetrics.TryGet"/> accepts: eval_loss,
/// eval_accuracy, eval_macro_f1, train_loss, ...), whether lower or higher is better and by how much a value must
/// beat the best one to count as an improvement. NaN never improves.
/// </summary>
public sealed record MetricMonitor
{
    public MetricMonitor(string metric, MonitorMode mode = MonitorMode.Auto, double minDelta = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        if (!Enum.IsDefined(mode)) throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown monitor mode.");
        if (!(minDelta >= 0) || double.IsInfinity(minDelta)) throw new ArgumentOutOfRangeException(nameof(minDelta), minDelta, "minDelta must be a finite number >= 0.");
        Metric = metric.Trim();
        Mode = mode == MonitorMode.Auto ? (Metric.Contains("loss", StringComparison.OrdinalIgnoreCase) ? MonitorMode.Min : MonitorMode.Max) : mode;
        MinDelta = minDelta;
    }

    public string Metric { get; }

    /// <summary>Min or Max (Auto is resolved from the name).</summary>
    public MonitorMode Mode { get; }

    public double MinDelta { get; }

    /// <summary>True when <paramref name="value"/> beats <paramref name="best"/> (null: no value yet) by more than <see cref="MinDelta"/>.</summary>
    public bool Improves(double value, double? best)
    {
        if (double.IsNaN(value)) return false;
        if (best is not { } b || double.IsNaN(b)) return true;
        return Mode == MonitorMode.Min ? value < b - MinDelta : value > b + MinDelta;
    }

    /// <summary>The monitored value of an epoch; throws naming the available metrics when the epoch has none.</summary>
    public double ValueOf(EpochMetrics metrics, string owner)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (metrics.TryGet(Metric, out double value)) return value;
        throw new InvalidOperationException($"{owner} monitors '{Metric}', which epoch {metrics.Epoch} does not have " +
            $"(it has: {string.Join(", ", metrics.All().Keys)}). Evaluation metrics need an evaluation set.");
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Metric} ({Mode.ToString().ToLowerInvariant()}{(MinDelta > 0 ? $", min delta {MinDelta}" : "")})");
}
