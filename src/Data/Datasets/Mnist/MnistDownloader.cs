using ModelZoo.Core;
using ModelZoo.Core.Downloads;

namespace ModelZoo.Data.Datasets.Mnist;

/// <summary>Downloads the four gzip files of an MNIST-format dataset, trying each mirror, verifying hashes and
/// writing atomically. Offline, the error names the four files and the directory to put them in.</summary>
public static class MnistDownloader
{
    /// <summary>Ensures the files are present in <paramref name="directory"/>; downloads the missing ones.</summary>
    /// <param name="mirrors">Base URLs to try (defaults to the dataset's official mirrors).</param>
    /// <param name="split">Only this split's two files; null = all four.</param>
    public static async Task EnsureAsync(string directory, MnistVariant variant = MnistVariant.Mnist,
        IReadOnlyList<string>? mirrors = null, IProgress<(string File, long Bytes, long? Total)>? progress = null,
        CancellationToken cancellationToken = default, MnistSplit? split = null)
    {
        Directory.CreateDirectory(directory);
        mirrors ??= MnistFiles.Mirrors(variant);
        IReadOnlyDictionary<string, (string Algorithm, string Hex)> hashes = MnistFiles.Hashes(variant);
        IEnumerable<string> files = split is { } only
            ? new[] { MnistFiles.ImagesFile(only) + ".gz", MnistFiles.LabelsFile(only) + ".gz" }
            : MnistFiles.AllGzipFiles;
        foreach (string file in files)
        {
            string target = Path.Combine(directory, file);
            if (File.Exists(target) || File.Exists(target[..^3])) continue;
            (string algorithm, string hex) = hashes[file];
            var hash = new FileHash(algorithm, hex);
            var errors = new List<string>();
            bool done = false;
            foreach (string mirror in mirrors)
            {
                string url = mirror.TrimEnd('/') + "/" + file;
                try
                {
                    IProgress<DownloadProgress>? p = ProgressAdapter<DownloadProgress>.Forward(progress, d => (file, d.BytesReceived, d.TotalBytes));
                    await FileDownloader.DownloadAsync(url, target, hash, p, cancellationToken).ConfigureAwait(false);
                    done = true;
                    break;
                }
                catch (DownloadFailedException ex)
                {
                    errors.Add(ex.Message);
                }
            }
            if (!done)
                throw new IOException(
                    $"Could not download {variant} file {file} from {string.Join(" or ", mirrors)}. " +
                    $"Place the files {string.Join(", ", MnistFiles.AllGzipFiles)} in {Path.GetFullPath(directory)}. " +
                    $"Details: {string.Join(" | ", errors)}");
        }
    }
}
