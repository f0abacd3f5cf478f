namespace ModelZoo.Data.Imaging;

/// <summary>How <see cref="ImageDecoder"/> decodes.</summary>
/// <param name="Mode">Output layout (default RGB; alpha is dropped as Pillow's convert("RGB") does).</param>
/// <param name="ApplyExifOrientation">Rotate/flip by the EXIF orientation tag so the output is upright (default true,
/// like ImageOps.exif_transpose).</param>
/// <param name="AllowIncomplete">When the data ends early or is damaged part-way (truncated JPEG/PNG), return what
/// was decoded instead of throwing; SkiaSharp fills the rows it could not decode (grey for JPEG, zero for PNG).
/// Default false: throw <see cref="ImageDecodeException"/> with <see cref="ImageDecodeError.Truncated"/>, like
/// Pillow without LOAD_TRUNCATED_IMAGES.</param>
/// <param name="MaxPixels">Refuse images with more pixels than this before allocating (decompression-bomb guard;
/// default 2 × Pillow's MAX_IMAGE_PIXELS = 178,956,970).</param>
public sealed record ImageDecodeOptions(
    ImageMode Mode = ImageMode.Rgb,
    bool ApplyExifOrientation = true,
    bool AllowIncomplete = false,
    long MaxPixels = 178_956_970)
{
    public static ImageDecodeOptions Default { get; } = new();
}
