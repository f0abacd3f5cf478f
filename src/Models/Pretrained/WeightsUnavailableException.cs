namespace ModelZoo.Models.Pretrained;

/// <summary>
/// A weights file is neither cached nor downloadable. The message names the URL and the exact path where a
/// manually downloaded copy is picked up (<see cref="TargetPath"/>).
/// </summary>
public sealed class WeightsUnavailableException : IOException
{
    public WeightsUnavailableException(string message, string url, string targetPath, WeightsUnavailableReason reason, Exception? inner = null)
        : base(message, inner)
    {
        Url = url;
        TargetPath = targetPath;
        Reason = reason;
    }

    /// <summary>Where the file would be downloaded from.</summary>
    public string Url { get; }

    /// <summary>Where ModelZoo looks for the file; place a downloaded copy here.</summary>
    public string TargetPath { get; }

    public WeightsUnavailableReason Reason { get; }
}
