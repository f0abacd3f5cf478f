namespace ModelZoo.Models.Pretrained;

/// <summary>Progress of a weights download: bytes so far (including a resumed part) and the total when the server
/// says it.</summary>
public readonly record struct WeightsDownloadProgress(string Url, string FileName, long BytesReceived, long? TotalBytes)
{
    /// <summary>Fraction done in [0, 1], or null when the total is unknown.</summary>
    public double? Fraction => TotalBytes is > 0 ? Math.Clamp((double)BytesReceived / TotalBytes.Value, 0, 1) : null;
}
