namespace ModelZoo.Data.Datasets.ImageFolders;

/// <summary>torchvision's list of image file extensions (IMG_EXTENSIONS) and the matching test.</summary>
public static class ImageFiles
{
    /// <summary>.jpg .jpeg .png .ppm .bmp .pgm .tif .tiff .webp, as in torchvision.</summary>
    public static IReadOnlyList<string> Extensions { get; } = new[] { ".jpg", ".jpeg", ".png", ".ppm", ".bmp", ".pgm", ".tif", ".tiff", ".webp" };

    /// <summary>True when the file name ends (case-insensitively) with one of <paramref name="extensions"/>.</summary>
    public static bool HasExtension(string path, IReadOnlyList<string> extensions)
    {
        foreach (string extension in extensions)
        {
            if (path.EndsWith(extension, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}
