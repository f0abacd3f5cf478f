namespace ModelZoo.Models.Pretrained;

/// <summary>Why a weights file could not be provided.</summary>
public enum WeightsUnavailableReason
{
    /// <summary>Not cached, and downloading is switched off (<see cref="WeightsCacheOptions.Offline"/> or MODELZOO_OFFLINE=1).</summary>
    Offline,

    /// <summary>The download failed (no network, HTTP error, connection lost); a partial file is kept for resuming.</summary>
    DownloadFailed,

    /// <summary>The downloaded bytes do not match the SHA-256 prefix in the file name; they were discarded.</summary>
    HashMismatch,
}
