namespace ModelZoo.Core.Downloads;

/// <summary>Progress of one download.</summary>
internal readonly record struct DownloadProgress(string Url, long BytesReceived, long? TotalBytes);
