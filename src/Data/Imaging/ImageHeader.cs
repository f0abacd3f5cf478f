namespace ModelZoo.Data.Imaging;

/// <summary>What an image file says about itself without decoding its pixels.</summary>
/// <param name="Width">Upright width (after the EXIF orientation, which may swap width and height).</param>
/// <param name="Height">Upright height.</param>
/// <param name="Format">Encoded format ("Jpeg", "Png", "Gif", "Bmp", "Webp", ...).</param>
/// <param name="ExifOrientation">EXIF orientation 1–8 (1 = stored upright).</param>
/// <param name="Channels">Channels of the stored colour type (1 grey, 3 colour, 4 colour with alpha).</param>
public sealed record ImageHeader(int Width, int Height, string Format, int ExifOrientation, int Channels);
