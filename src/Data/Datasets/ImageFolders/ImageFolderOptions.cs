using ModelZoo.Data.Imaging;

namespace ModelZoo.Data.Datasets.ImageFolders;

/// <summary>Options of <see cref="ImageFolder"/> (torchvision's DatasetFolder arguments).</summary>
public sealed record ImageFolderOptions
{
    /// <summary>File extensions that count as samples (case-insensitive); null = <see cref="ImageFiles.Extensions"/>.
    /// Cannot be combined with <see cref="IsValidFile"/>.</summary>
    public IReadOnlyList<string>? Extensions { get; init; }

    /// <summary>Decides which files are samples (given the full path) instead of the extension list.</summary>
    public Func<string, bool>? IsValidFile { get; init; }

    /// <summary>Reads a file into an image; null = <see cref="ImageDecoder"/> to RGB (EXIF-upright, as PIL's convert("RGB")).</summary>
    public Func<string, ImageBuffer>? Loader { get; init; }

    /// <summary>Accept class folders without any valid file (default false: that is an error, as in torchvision).</summary>
    public bool AllowEmpty { get; init; }
}
