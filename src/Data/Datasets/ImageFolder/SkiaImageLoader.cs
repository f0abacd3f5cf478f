using ModelZoo.Data.Imaging;
using SkiaSharp;

namespace ModelZoo.Data.Datasets;

/// <summary>
/// Minimal RGB decoder used by the file datasets until the shared image decoder (ModelZoo.Data.Imaging) is merged:
/// SkiaSharp decode to RGBA, alpha dropped (as PIL's convert("RGB")). Throws on missing, unreadable or truncated
/// files with a message naming the path. No EXIF orientation handling.
/// </summary>
internal static class SkiaImageLoader
{
    public static ImageBuffer LoadRgb(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Image file not found: {path}", path);
        using var stream = File.OpenRead(path);
        if (stream.Length == 0) throw new InvalidDataException($"Image file {path} is empty (0 bytes).");
        using SKCodec? codec = SKCodec.Create(stream, out SKCodecResult created);
        if (codec is null)
            throw new InvalidDataException($"Image file {path} is not a decodable image ({created}).");
        SKImageInfo source = codec.Info;
        var info = new SKImageInfo(source.Width, source.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var rgba = new byte[info.BytesSize];
        SKCodecResult result = codec.GetPixels(info, rgba);
        if (result != SKCodecResult.Success)
            throw new InvalidDataException($"Image file {path} could not be decoded ({result}{(result == SKCodecResult.IncompleteInput ? ": the file is truncated" : "")}).");
        var image = new ImageBuffer(source.Width, source.Height, 3);
        byte[] rgb = image.Pixels;
        for (int i = 0, j = 0; i < rgb.Length; i += 3, j += 4)
        {
            rgb[i] = rgba[j];
            rgb[i + 1] = rgba[j + 1];
            rgb[i + 2] = rgba[j + 2];
        }
        return image;
    }
}
