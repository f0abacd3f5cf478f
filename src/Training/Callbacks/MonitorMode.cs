namespace ModelZoo.Training.Callbacks;

/// <summary>Whether a monitored metric improves by going down or up.</summary>
public enum MonitorMode
{
    /// <summary>Min for names containing "loss", max otherwise.</summary>
    Auto,
    Min,
    Max,
}
