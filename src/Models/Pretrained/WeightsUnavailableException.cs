namespace ModelZoo.Models.Pretrained;

/// <summary>
/// A weights file is neither cached nor downloadable. The message names the URL and the exact path where a
/// manually downloaded copy is picked up (<see cref="TargetPath"/>).
/// </summary>
/// <param name="message">The one-line explanation.</param>
/// <param name="url">Where the file would be downloaded from.</param>
/// <param name="targetPath">Where ModelZoo looks for the file.</param>
/// <param name="reason">Why the file is unavailable.</param>
/// <param name="inner">The failure behind it, if any.</param>
public sealed class WeightsUnavailableException(string message, string url, string targetPath, WeightsUnavailableReason reason, Exception? inner = null)
    : IOException(message, inner)
{
    /// <summary>Where the file would be downloaded from.</summary>
    public string Url { get; } = url;

    /// <summary>Where ModelZoo looks for the file; place a downloaded copy here.</summary>
    public string TargetPath { get; } = targetPath;

    public WeightsUnavailableReason Reason { get; } = reason;
}
