namespace ModelZoo.Data.Imaging;

/// <summary>Parsing and naming of <see cref="ImageMode"/> with PIL's names ("L", "RGB", "RGBA").</summary>
public static class ImageModes
{
    /// <summary>Parses "L", "RGB" or "RGBA" (case-insensitive).</summary>
    public static ImageMode Parse(string mode)
    {
        ArgumentNullException.ThrowIfNull(mode);
        return mode.Trim().ToUpperInvariant() switch
        {
            "L" or "GRAY" or "GREY" or "GRAYSCALE" => ImageMode.L,
            "RGB" => ImageMode.Rgb,
            "RGBA" => ImageMode.Rgba,
            _ => throw new ArgumentException($"Unknown image mode '{mode}'; expected \"L\", \"RGB\" or \"RGBA\".", nameof(mode)),
        };
    }

    /// <summary>The mode with this channel count (1 → L, 3 → RGB, 4 → RGBA).</summary>
    public static ImageMode FromChannels(int channels) => channels switch
    {
        1 => ImageMode.L,
        3 => ImageMode.Rgb,
        4 => ImageMode.Rgba,
        _ => throw new ArgumentOutOfRangeException(nameof(channels), channels, "Channels must be 1 (L), 3 (RGB) or 4 (RGBA)."),
    };

    /// <summary>PIL's name of the mode.</summary>
    public static string Name(this ImageMode mode) => mode switch
    {
        ImageMode.L => "L",
        ImageMode.Rgb => "RGB",
        ImageMode.Rgba => "RGBA",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown image mode."),
    };

    /// <summary>The mode of an image (from its channel count).</summary>
    public static ImageMode Mode(this ImageBuffer image) => FromChannels(image.Channels);
}
