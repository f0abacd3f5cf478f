namespace ModelZoo.Data.Datasets.Download;

/// <summary>A dataset file could not be downloaded or verified. The message names the URL and the path where the
/// file can be placed by hand.</summary>
public sealed class DatasetDownloadException : IOException
{
    public DatasetDownloadException(string message, string url, string targetPath, Exception? innerException = null)
        : base(message, innerException)
    {
        Url = url;
        TargetPath = targetPath;
    }

    public string Url { get; }
    public string TargetPath { get; }
}
