using ModelZoo.Data.Datasets.ImageFolders;
using ModelZoo.Data.Datasets.Manifest;
using ModelZoo.Data.Imaging;

namespace ModelZoo.Data.Datasets.Common;

/// <summary>Item access shared by the file-backed datasets (<see cref="ImageFolder"/>, <see cref="ManifestDataset"/>):
/// the index check, the decode, and any failure but cancellation wrapped in a <see cref="SampleLoadException"/> that
/// names the file.</summary>
internal static class FileSampleReader
{
    /// <summary>Decodes sample <paramref name="index"/> with <paramref name="loader"/>. <paramref name="where"/> gives the
    /// text after the item number in the error message (e.g. <c>", class 'cat'"</c>); it runs only on failure.</summary>
    public static ImageSample Read(FileSample[] samples, int index, Func<string, ImageBuffer> loader, Func<FileSample, string> where)
    {
        if ((uint)index >= (uint)samples.Length)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Index must be in 0..{samples.Length - 1}.");
        FileSample sample = samples[index];
        try
        {
            return new ImageSample(loader(sample.Path), sample.Label);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not SampleLoadException)
        {
            throw new SampleLoadException(
                $"Could not read image {sample.Path} (item {index}{where(sample)}): {ex.Message}", index, sample.Path, ex);
        }
    }
}
