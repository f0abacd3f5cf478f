using ModelZoo.Data.Datasets.Download;
namespace ModelZoo.Data.Datasets.Cifar;

/// <summary>Downloads and extracts a CIFAR distribution into a dataset root (MD5-verified, atomic, safe extraction).</summary>
public static class CifarDownloader
{
    /// <summary>Makes sure the extracted folder (e.g. root/cifar-10-batches-py) exists; returns its path.</summary>
    /// <param name="archive">Override of the archive to fetch (e.g. a mirror); null = <see cref="CifarFiles.Archive"/>.</param>
    public static Task<string> EnsureAsync(string root, CifarVariant variant = CifarVariant.Cifar10, CifarFormat format = CifarFormat.Python,
        DatasetArchive? archive = null, IProgress<(long Bytes, long? Total)>? progress = null, CancellationToken cancellationToken = default) =>
        DatasetDownloader.EnsureAsync(archive ?? CifarFiles.Archive(variant, format), root, progress, cancellationToken);
}
