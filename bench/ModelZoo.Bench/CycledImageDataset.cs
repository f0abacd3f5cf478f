using ModelZoo.Data;
using ModelZoo.Data.Datasets.Common;
using ModelZoo.Data.Imaging;

namespace ModelZoo.Bench;

/// <summary>Image files repeated to a given length (item i is file i mod N), decoded on access; labels are the index
/// of the file's parent folder name among all parent names.</summary>
internal sealed class CycledImageDataset : IClassificationDataset, IFileDataset
{
    private readonly string[] _files;
    private readonly int[] _labels;

    public CycledImageDataset(IEnumerable<string> files, int count)
    {
        _files = files.Order(StringComparer.Ordinal).ToArray();
        if (_files.Length == 0) throw new ArgumentException("No image files.");
        string[] parents = _files.Select(f => Path.GetFileName(Path.GetDirectoryName(f)!)).ToArray();
        Classes = parents.Distinct().Order(StringComparer.Ordinal).ToArray();
        _labels = parents.Select(p => Classes.ToList().IndexOf(p)).ToArray();
        Count = count;
    }

    public int Count { get; }
    public int DistinctFiles => _files.Length;
    public IReadOnlyList<string> Classes { get; }

    public ImageSample this[int index] => new(ImageDecoder.Decode(SamplePath(index), ImageMode.Rgb), _labels[index % _files.Length]);

    public string SamplePath(int index) => _files[index % _files.Length];

    /// <summary>The benchmark's image set: every image under ../shared/data/imagefolder and ../shared/data/images.</summary>
    public static CycledImageDataset SharedImages(int count)
    {
        string[] extensions = { ".jpg", ".jpeg", ".png" };
        IEnumerable<string> files = new[] { ModelZoo.Tests.RepoPaths.SharedData("imagefolder"), ModelZoo.Tests.RepoPaths.SharedData("images") }
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
            .Where(f => extensions.Contains(Path.GetExtension(f).ToLowerInvariant()));
        return new CycledImageDataset(files, count);
    }
}
