using ModelZoo.Core;
using ModelZoo.Core.Downloads;

namespace ModelZoo.Data.Datasets.Download;

/// <summary>
/// Fetches and unpacks a <see cref="DatasetArchive"/> into a dataset root: skips everything when the extracted
/// folder is already there; otherwise downloads the archive (resumable, into a .part file, MD5-verified, renamed
/// into place only when complete and correct) and extracts it safely (<see cref="ArchiveExtractor"/>).
/// </summary>
public static class DatasetDownloader
{
    /// <summary>Makes sure <c>root/archive.ExtractedFolder</c> exists; returns its full path.</summary>
    public static async Task<string> EnsureAsync(DatasetArchive archive, string root,
        IProgress<(long Bytes, long? Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(root);
        string fullRoot = Path.GetFullPath(root);
        string extracted = Path.Combine(fullRoot, archive.ExtractedFolder);
        if (Directory.Exists(extracted)) return extracted;
        Directory.CreateDirectory(fullRoot);
        string archivePath = Path.Combine(fullRoot, archive.FileName);
        FileHash hash = FileHash.Md5(archive.Md5);
        if (File.Exists(archivePath) && !hash.Matches(hash.Compute(archivePath)))
            File.Delete(archivePath); // a stale or corrupt copy: fetch it again
        if (!File.Exists(archivePath))
        {
            IProgress<DownloadProgress>? p = ProgressAdapter<DownloadProgress>.Forward(progress, d => (d.BytesReceived, d.TotalBytes));
            try
            {
                await FileDownloader.DownloadAsync(archive.Url, archivePath, hash, p, cancellationToken).ConfigureAwait(false);
            }
            catch (DownloadFailedException ex)
            {
                throw new DatasetDownloadException(
                    $"{ex.Message} Then extract it there so that {extracted} exists, or call this again.", archive.Url, archivePath, ex);
            }
        }
        ArchiveExtractor.Extract(archivePath, fullRoot, cancellationToken);
        if (!Directory.Exists(extracted))
            throw new InvalidDataException($"Extracting {archivePath} did not create {extracted}; is it the right archive?");
        return extracted;
    }
}
