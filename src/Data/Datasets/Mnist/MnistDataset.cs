using ModelZoo.Data.Imaging;

namespace ModelZoo.Data.Datasets.Mnist;

/// <summary>MNIST, Fashion-MNIST or KMNIST from IDX files (gzip or raw) in one directory; items are 28×28 grayscale images.</summary>
public sealed class MnistDataset : IClassificationDataset
{
    private readonly byte[] _images;
    private readonly byte[] _labels;

    public MnistDataset(byte[] images, byte[] labels, int rows, int cols, IReadOnlyList<string> classes)
    {
        if (rows < 1 || cols < 1 || images.Length != (long)labels.Length * rows * cols)
            throw new ArgumentException($"{labels.Length} labels need {labels.Length * rows * cols} image bytes ({rows}x{cols}); got {images.Length}.");
        int bad = Array.FindIndex(labels, l => l >= classes.Count);
        if (bad >= 0) throw new InvalidDataException($"Label {labels[bad]} at index {bad} is outside 0..{classes.Count - 1}.");
        _images = images;
        _labels = labels;
        Height = rows;
        Width = cols;
        Classes = classes;
    }

    public int Count => _labels.Length;
    public IReadOnlyList<string> Classes { get; }
    public int Height { get; }
    public int Width { get; }

    public ImageSample this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"Index must be in 0..{Count - 1}.");
            int size = Height * Width;
            var pixels = new byte[size];
            Buffer.BlockCopy(_images, index * size, pixels, 0, size);
            return new ImageSample(new ImageBuffer(Width, Height, 1, pixels), _labels[index]);
        }
    }

    /// <summary>Label of item <paramref name="index"/> without building the image.</summary>
    public int LabelAt(int index) => _labels[index];

    /// <summary>Loads the split's images and labels from <paramref name="directory"/> (file.gz or file).</summary>
    public static MnistDataset Load(string directory, MnistSplit split, MnistVariant variant = MnistVariant.Mnist)
    {
        string images = Find(directory, MnistFiles.ImagesFile(split))
            ?? throw MissingFiles(directory, variant, MnistFiles.ImagesFile(split));
        string labels = Find(directory, MnistFiles.LabelsFile(split))
            ?? throw MissingFiles(directory, variant, MnistFiles.LabelsFile(split));
        IdxFile img = IdxReader.Read(images, IdxReader.ImagesMagic);
        IdxFile lab = IdxReader.Read(labels, IdxReader.LabelsMagic);
        if (img.Dimensions.Length != 3) throw new InvalidDataException($"IDX file {images}: expected 3 dimensions [count, rows, cols]; got {img.Dimensions.Length}.");
        if (img.Count != lab.Count)
            throw new InvalidDataException($"{images} holds {img.Count} images but {labels} holds {lab.Count} labels.");
        return new MnistDataset(img.Data, lab.Data, img.Dimensions[1], img.Dimensions[2], MnistFiles.Classes(variant));
    }

    /// <summary>True when both files of the split are in <paramref name="directory"/>.</summary>
    public static bool HasSplit(string directory, MnistSplit split) =>
        Find(directory, MnistFiles.ImagesFile(split)) != null && Find(directory, MnistFiles.LabelsFile(split)) != null;

    private static string? Find(string directory, string name)
    {
        foreach (string candidate in new[] { name + ".gz", name })
        {
            string path = Path.Combine(directory, candidate);
            if (File.Exists(path)) return path;
        }
        return null;
    }

    private static FileNotFoundException MissingFiles(string directory, MnistVariant variant, string missing) => new(
        $"{variant} file '{missing}(.gz)' not found in {Path.GetFullPath(directory)}. Put the files " +
        $"{string.Join(", ", MnistFiles.AllGzipFiles)} there (or let the downloader fetch them).", missing);
}
