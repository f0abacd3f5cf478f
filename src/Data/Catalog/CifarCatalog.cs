using ModelZoo.Core;
using ModelZoo.Data.Datasets.Cifar;
using ModelZoo.Data.Datasets.Download;

namespace ModelZoo.Data.Catalog;

/// <summary>
/// <c>cifar10</c> and <c>cifar100</c> in the <see cref="DatasetCatalog"/>: the training split (the five data batches, or
/// CIFAR-100's train file) and the test split, read from the data directory in the python or the binary distribution
/// (the directory may hold the extracted folder or be it). When neither is there, the official python archive is
/// downloaded into the directory (MD5-checked, resumable, extracted safely), as torchvision does.
/// </summary>
internal static class CifarCatalog
{
    public static bool Handles(string normalized) => normalized is "cifar10" or "cifar100";

    public static CifarVariant Variant(string normalized) => normalized == "cifar100" ? CifarVariant.Cifar100 : CifarVariant.Cifar10;

    public static DatasetSplits OpenSplits(string normalized, string directory)
    {
        CifarVariant variant = Variant(normalized);
        CifarDataset train = CifarDataset.Load(directory, variant, CifarSplit.Train);
        CifarDataset test = CifarDataset.Load(directory, variant, CifarSplit.Test);
        return new DatasetSplits(train, test, Spec(normalized, variant, train.Classes));
    }

    /// <summary>The test split alone (what evaluation reads).</summary>
    public static (IClassificationDataset Dataset, DatasetSpec Spec) OpenTest(string normalized, string directory)
    {
        CifarVariant variant = Variant(normalized);
        CifarDataset test = CifarDataset.Load(directory, variant, CifarSplit.Test);
        return (test, Spec(normalized, variant, test.Classes));
    }

    /// <summary>32 × 32 RGB; normalised with the training set's per-channel mean and standard deviation.</summary>
    public static DatasetSpec Spec(string normalized, CifarVariant variant, IReadOnlyList<string> classes) => variant == CifarVariant.Cifar100
        ? new DatasetSpec(normalized, 3, 32, 32, new[] { 0.5071, 0.4865, 0.4409 }, new[] { 0.2673, 0.2564, 0.2762 }, classes)
        : new DatasetSpec(normalized, 3, 32, 32, new[] { 0.4914, 0.4822, 0.4465 }, new[] { 0.2470, 0.2435, 0.2616 }, classes);

    /// <summary>True when both splits are in <paramref name="directory"/> in one of the two distributions.</summary>
    public static bool IsAvailable(string normalized, string directory)
    {
        CifarVariant variant = Variant(normalized);
        return CifarDataset.HasSplit(directory, variant, CifarSplit.Train) && CifarDataset.HasSplit(directory, variant, CifarSplit.Test);
    }

    /// <summary>Downloads and extracts the python archive into <paramref name="directory"/>, trying each mirror (a base
    /// URL the archive's file name is appended to; default the official address). When every source fails, the error
    /// names the archive, the files it holds (or the binary version's) and the directory to put them in.</summary>
    /// <param name="archive">The archive to fetch; null = the official one (tests pass one with their own MD5).</param>
    public static async Task EnsureAsync(string normalized, string directory, IReadOnlyList<string>? mirrors,
        IProgress<(string File, long Bytes, long? Total)>? progress, CancellationToken cancellationToken, DatasetArchive? archive = null)
    {
        CifarVariant variant = Variant(normalized);
        DatasetArchive official = archive ?? CifarFiles.Archive(variant, CifarFormat.Python);
        DatasetArchive[] sources = mirrors is { Count: > 0 }
            ? mirrors.Select(m => official with { Url = m.TrimEnd('/') + "/" + official.FileName }).ToArray()
            : new[] { official };
        IProgress<(long Bytes, long? Total)>? bytes =
            ProgressAdapter<(long Bytes, long? Total)>.Forward(progress, p => (official.FileName, p.Bytes, p.Total));
        var errors = new List<string>();
        foreach (DatasetArchive source in sources)
        {
            try
            {
                await CifarDownloader.EnsureAsync(directory, variant, CifarFormat.Python, source, bytes, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (DatasetDownloadException ex)
            {
                errors.Add(ex.Message);
            }
        }
        string target = Path.Combine(Path.GetFullPath(directory), official.FileName);
        throw new DatasetDownloadException(
            $"Could not download {Title(variant)} ({official.FileName}) from {string.Join(" or ", sources.Select(s => s.Url))}. " +
            $"Place {official.FileName}, or the files {Files(variant, CifarFormat.Python)} (python version) or " +
            $"{Files(variant, CifarFormat.Binary)} (binary version), in {Path.GetFullPath(directory)}. Details: {string.Join(" | ", errors)}",
            sources[^1].Url, target);
    }

    private static string Title(CifarVariant variant) => variant == CifarVariant.Cifar100 ? "CIFAR-100" : "CIFAR-10";

    private static string Files(CifarVariant variant, CifarFormat format) =>
        CifarFiles.FolderName(variant, format) + "/{" + string.Join(", ",
            CifarFiles.DataFiles(variant, format, CifarSplit.Train)
                .Concat(CifarFiles.DataFiles(variant, format, CifarSplit.Test))
                .Append(CifarFiles.MetaFile(variant, format, CifarLabelKind.Fine))) + "}";
}
