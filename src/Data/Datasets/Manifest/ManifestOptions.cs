using ModelZoo.Data.Imaging;

namespace ModelZoo.Data.Datasets.Manifest;

/// <summary>Options of <see cref="ManifestDataset"/>.</summary>
public sealed record ManifestOptions
{
    /// <summary>Class names in index order. Required for nothing: with integer labels the default is "0".."max";
    /// with text labels, the sorted distinct labels. When given, text labels must be among them.</summary>
    public IReadOnlyList<string>? Classes { get; init; }

    /// <summary>Field separator; null = tab for .tsv files, otherwise a tab if the first line has one, else a comma.</summary>
    public char? Delimiter { get; init; }

    /// <summary>Whether the first line is a header; null = detect (a first line naming the columns, e.g. "path,label",
    /// or whose label is not a number while the others are).</summary>
    public bool? HasHeader { get; init; }

    /// <summary>Header name of the path column; null = the first of path, file, filename, filepath, image, image_path,
    /// or column 0.</summary>
    public string? PathColumn { get; init; }

    /// <summary>Header name of the label column; null = the first of label, class, target, category, or column 1.</summary>
    public string? LabelColumn { get; init; }

    /// <summary>Folder relative paths are resolved against; null = the manifest's folder.</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>Reads a file into an image; null = <see cref="ImageDecoder"/> to RGB (EXIF-upright, as PIL's convert("RGB")).</summary>
    public Func<string, ImageBuffer>? Loader { get; init; }
}
