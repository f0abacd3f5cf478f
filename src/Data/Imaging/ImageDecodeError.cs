namespace ModelZoo.Data.Imaging;

/// <summary>Why an image could not be decoded.</summary>
public enum ImageDecodeError
{
    /// <summary>The file does not exist.</summary>
    NotFound,
    /// <summary>The file exists but could not be read (permissions, I/O error).</summary>
    Unreadable,
    /// <summary>The file or buffer has zero bytes.</summary>
    Empty,
    /// <summary>The bytes are not in a format the decoder knows (JPEG, PNG, BMP, GIF, WebP, ICO, WBMP).</summary>
    UnknownFormat,
    /// <summary>The data ends before the image is complete (e.g. a truncated JPEG).</summary>
    Truncated,
    /// <summary>The header or the compressed data is invalid.</summary>
    Corrupt,
    /// <summary>The image has more pixels than <see cref="ImageDecodeOptions.MaxPixels"/>.</summary>
    TooLarge,
}
