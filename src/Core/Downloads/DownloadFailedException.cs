namespace ModelZoo.Core.Downloads;

/// <summary>Raised when a file cannot be fetched; the message names the URL and where to put the file by hand.</summary>
internal sealed class DownloadFailedException : IOException
{
    public DownloadFailedException(string message, Exception? inner = null) : base(message, inner) { }
}
