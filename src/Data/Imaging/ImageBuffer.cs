namespace ModelZoo.Data.Imaging;

/// <summary>
/// An 8-bit image as height × width × channels bytes (HWC, row-major), the form images keep until the final
/// tensor conversion. Channels is 1 (L), 3 (RGB) or 4 (RGBA).
/// </summary>
public sealed class ImageBuffer
{
    public ImageBuffer(int width, int height, int channels, byte[]? pixels = null)
    {
        if (width < 1 || height < 1)
            throw new ArgumentOutOfRangeException(nameof(width), $"Image size must be at least 1x1; got {width}x{height}.");
        if (channels is not (1 or 3 or 4))
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "Channels must be 1 (L), 3 (RGB) or 4 (RGBA).");
        long length = (long)width * height * channels;
        if (length > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(width),
                $"An image of {width}x{height}x{channels} (width x height x channels) needs {length:N0} bytes, more than one buffer holds ({Array.MaxLength:N0}).");
        if (pixels != null && pixels.Length != length)
            throw new ArgumentException($"Pixel buffer has {pixels.Length} bytes; {width}x{height}x{channels} needs {length}.", nameof(pixels));
        Width = width;
        Height = height;
        Channels = channels;
        Pixels = pixels ?? new byte[length];
    }

    public int Width { get; }
    public int Height { get; }
    public int Channels { get; }

    /// <summary>HWC bytes; row y, column x, channel c is at (y * Width + x) * Channels + c.</summary>
    public byte[] Pixels { get; }

    public byte this[int y, int x, int c]
    {
        get => Pixels[(y * Width + x) * Channels + c];
        set => Pixels[(y * Width + x) * Channels + c] = value;
    }

    public ImageBuffer Clone() => new(Width, Height, Channels, (byte[])Pixels.Clone());

    public override string ToString() => $"ImageBuffer {Width}x{Height}x{Channels}";
}
