namespace ModelZoo.Data.Imaging;

/// <summary>The pixel layout an image is decoded or converted to; the value is the channel count.</summary>
public enum ImageMode
{
    /// <summary>8-bit luma, one channel (PIL "L"): L = (R·19595 + G·38470 + B·7471 + 2^15) >> 16, i.e. ITU-R 601-2
    /// R·299/1000 + G·587/1000 + B·114/1000 rounded, exactly as Pillow's convert("L").</summary>
    L = 1,

    /// <summary>8-bit red, green, blue (PIL "RGB"); alpha is dropped, as Pillow's convert("RGB") does.</summary>
    Rgb = 3,

    /// <summary>8-bit red, green, blue, straight (unpremultiplied) alpha (PIL "RGBA").</summary>
    Rgba = 4,
}
