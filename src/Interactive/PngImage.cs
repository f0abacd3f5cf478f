using ModelZoo.Core.IO;
using ModelZoo.Data.Imaging;

namespace ModelZoo.Interactive;

/// <summary>
/// An encoded PNG with its size and an optional caption: what a notebook shows as an image (the registered formatters
/// emit <c>image/png</c> and an HTML <c>&lt;img&gt;</c>) and what a console app saves to a file.
/// </summary>
public sealed class PngImage
{
    /// <summary>Wraps PNG bytes already encoded.</summary>
    public PngImage(byte[] bytes, int width, int height, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length < 8 || bytes[0] != 0x89 || bytes[1] != (byte)'P' || bytes[2] != (byte)'N' || bytes[3] != (byte)'G')
            throw new ArgumentException("Expected PNG bytes (starting with the \\x89PNG signature).", nameof(bytes));
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"Image size must be positive, got {width}x{height}.");
        Bytes = bytes;
        Width = width;
        Height = height;
        Caption = caption;
    }

    /// <summary>The PNG file contents.</summary>
    public byte[] Bytes { get; }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>A caption shown under the image (HTML) or printed beside the file name (console).</summary>
    public string? Caption { get; }

    /// <summary>Encodes an image buffer (L, RGB or RGBA) as PNG.</summary>
    public static PngImage FromBuffer(ImageBuffer image, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        return new PngImage(ImageEncoder.EncodePng(image), image.Width, image.Height, caption);
    }

    /// <summary>Reads an image file (any format the decoder reads), optionally shrunk so its longer side is at most
    /// <paramref name="maxSide"/> pixels, as PNG.</summary>
    public static PngImage FromFile(string path, int? maxSide = null, string? caption = null)
    {
        ImageBuffer image = ImageDecoder.Decode(path, ImageMode.Rgb);
        if (maxSide is int side && Math.Max(image.Width, image.Height) > side)
        {
            double scale = (double)side / Math.Max(image.Width, image.Height);
            var size = ((int)Math.Max(1, Math.Round(image.Height * scale)), (int)Math.Max(1, Math.Round(image.Width * scale)));
            image = new ModelZoo.Data.Transforms.Resize(size).Apply(image, new Random(0));
        }
        return FromBuffer(image, caption ?? Path.GetFileName(path));
    }

    /// <summary>The same image with another caption.</summary>
    public PngImage WithCaption(string? caption) => new(Bytes, Width, Height, caption);

    /// <summary>The PNG as base64 (Jupyter's <c>image/png</c> encoding).</summary>
    public string ToBase64() => Convert.ToBase64String(Bytes);

    /// <summary>An HTML figure: the image as a data URI and the caption under it.</summary>
    public string ToHtml()
    {
        string img = $"<img src=\"data:image/png;base64,{ToBase64()}\" width=\"{Width}\" height=\"{Height}\" alt=\"{Html.Encode(Caption ?? "image")}\" />";
        return Caption is null ? img : $"<figure style=\"display:inline-block;margin:4px\">{img}<figcaption>{Html.Encode(Caption)}</figcaption></figure>";
    }

    /// <summary>Writes the PNG to <paramref name="path"/> (temporary file + rename).</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.WriteAllBytes(path, Bytes);
    }

    /// <inheritdoc />
    public override string ToString() => $"PNG {Width}x{Height}" + (Caption is null ? "" : $" ({Caption})");
}
