namespace ModelZoo.Training.Jobs;

/// <summary>Where a run writes: its checkpoint (re-saved after every epoch) and its log directory
/// (<see cref="MetricsCsv"/>, metrics.jsonl beside it, and <see cref="Plot"/>). All paths are full paths.</summary>
public sealed record RunPaths(string Checkpoint, string LogDirectory)
{
    /// <summary>Per-epoch metrics as CSV (<see cref="Callbacks.MetricsLogger.CsvHeader"/>).</summary>
    public string MetricsCsv => Path.Combine(LogDirectory, Callbacks.MetricsLogger.CsvFileName);

    /// <summary>Per-epoch metrics, one JSON object per line.</summary>
    public string MetricsJsonLines => Path.Combine(LogDirectory, Callbacks.MetricsLogger.JsonLinesFileName);

    /// <summary>Loss and accuracy curves (PNG).</summary>
    public string Plot => Path.Combine(LogDirectory, "curves.png");
}
