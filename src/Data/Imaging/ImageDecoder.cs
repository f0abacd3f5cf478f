using System.Buffers;
using ModelZoo.Data.Transforms.Functional;
using SkiaSharp;

namespace ModelZoo.Data.Imaging;

/// <summary>
/// Decodes JPEG (baseline and progressive), PNG (1–16 bit, grey, palette, alpha), BMP, GIF (first frame), WebP
/// (lossy and lossless) and ICO with SkiaSharp into uint8 HWC <see cref="ImageBuffer"/>s, upright by the EXIF
/// orientation and converted to the requested <see cref="ImageMode"/> with Pillow's rules (see
/// <see cref="ImageConversion"/>). 16-bit samples are reduced to 8 bits by SkiaSharp (rounded; Pillow keeps the high
/// byte, so values can differ by 1). Colour profiles are ignored (as Pillow does). Every failure is an
/// <see cref="ImageDecodeException"/> naming the file and the reason; nothing is left half-done and nothing hangs.
/// Thread-safe: every call uses its own decoder.
/// </summary>
public static class ImageDecoder
{
    /// <summary>Decodes the file at <paramref name="path"/> to <paramref name="mode"/>.</summary>
    public static ImageBuffer Decode(string path, ImageMode mode = ImageMode.Rgb) => Decode(path, new ImageDecodeOptions(mode));

    /// <summary>Decodes the file at <paramref name="path"/>.</summary>
    public static ImageBuffer Decode(string path, ImageDecodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Decode(ReadFile(path), options, path);
    }

    /// <summary>Decodes encoded image bytes; <paramref name="sourceName"/> names them in errors.</summary>
    public static ImageBuffer Decode(ReadOnlySpan<byte> data, ImageDecodeOptions? options = null, string? sourceName = null)
    {
        options ??= ImageDecodeOptions.Default;
        using SKCodec codec = OpenCodec(data, sourceName);
        SKImageInfo stored = codec.Info;
        if (stored.Width < 1 || stored.Height < 1)
            throw new ImageDecodeException(sourceName, ImageDecodeError.Corrupt,
                $"the {FormatName(codec.EncodedFormat)} declares a {stored.Width}x{stored.Height} image; width and height must be at least 1.");
        if ((long)stored.Width * stored.Height > options.MaxPixels)
            throw new ImageDecodeException(sourceName, ImageDecodeError.TooLarge,
                $"{stored.Width}x{stored.Height} is {(long)stored.Width * stored.Height:N0} pixels, more than the {options.MaxPixels:N0} allowed (a guard against decompression bombs).");

        bool directGray = options.Mode == ImageMode.L && stored.ColorType == SKColorType.Gray8;
        bool keepBuffer = directGray || options.Mode == ImageMode.Rgba;
        var info = new SKImageInfo(stored.Width, stored.Height, directGray ? SKColorType.Gray8 : SKColorType.Rgba8888, directGray ? SKAlphaType.Opaque : SKAlphaType.Unpremul);
        int size = checked((int)info.BytesSize64);
        // RGBA scratch for conversions comes from the shared pool (the loader decodes thousands of images).
        byte[] pixels = keepBuffer ? new byte[size] : ArrayPool<byte>.Shared.Rent(size);
        try
        {
            SKCodecResult result = codec.GetPixels(info, pixels);
            ThrowOnFailure(result, options, codec.EncodedFormat, data, sourceName);
            ImageBuffer image = keepBuffer
                ? new ImageBuffer(info.Width, info.Height, directGray ? 1 : 4, pixels)
                : ImageConversion.FromInterleaved(pixels, info.Width, info.Height, 4, options.Mode);
            return options.ApplyExifOrientation ? GeometryOps.ApplyExifOrientation(image, (int)codec.EncodedOrigin) : image;
        }
        finally
        {
            if (!keepBuffer) ArrayPool<byte>.Shared.Return(pixels);
        }
    }

    private static void ThrowOnFailure(SKCodecResult result, ImageDecodeOptions options, SKEncodedImageFormat encoded, ReadOnlySpan<byte> data, string? sourceName)
    {
        string format = FormatName(encoded);
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput) && !options.AllowIncomplete
            && encoded == SKEncodedImageFormat.Webp && ImageHeaderCheck.WebP(data) is { } cut)
            throw new ImageDecodeException(sourceName, cut.Error, cut.Message);
        switch (result)
        {
            case SKCodecResult.Success:
                return;
            case SKCodecResult.IncompleteInput or SKCodecResult.ErrorInInput when options.AllowIncomplete:
                return;
            case SKCodecResult.IncompleteInput:
                throw new ImageDecodeException(sourceName, ImageDecodeError.Truncated,
                    $"the {format} data ends before the image is complete (truncated file).");
            case SKCodecResult.ErrorInInput:
                throw new ImageDecodeException(sourceName, ImageDecodeError.Corrupt,
                    $"the {format} data is damaged part-way (corrupt file).");
            default:
                throw new ImageDecodeException(sourceName, ImageDecodeError.Corrupt, $"decoding {format} failed ({result}).");
        }
    }

    private static string FormatName(SKEncodedImageFormat format) => format switch
    {
        SKEncodedImageFormat.Jpeg => "JPEG",
        SKEncodedImageFormat.Png => "PNG",
        SKEncodedImageFormat.Gif => "GIF",
        SKEncodedImageFormat.Bmp => "BMP",
        SKEncodedImageFormat.Webp => "WebP",
        SKEncodedImageFormat.Ico => "ICO",
        _ => format.ToString(),
    };

    /// <summary>Decodes everything left in <paramref name="stream"/> (read to its end; not closed).</summary>
    public static ImageBuffer Decode(Stream stream, ImageDecodeOptions? options = null, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), options, sourceName);
    }

    /// <summary>Size, format and orientation of the image file without decoding its pixels.</summary>
    public static ImageHeader ReadHeader(string path) => ReadHeader(ReadFile(path), path);

    /// <summary>Size, format and orientation of encoded image bytes without decoding their pixels.</summary>
    public static ImageHeader ReadHeader(ReadOnlySpan<byte> data, string? sourceName = null)
    {
        using SKCodec codec = OpenCodec(data, sourceName);
        int orientation = (int)codec.EncodedOrigin;
        bool swap = orientation is >= 5 and <= 8;
        int channels = codec.Info.ColorType == SKColorType.Gray8 ? 1 : codec.Info.AlphaType == SKAlphaType.Opaque ? 3 : 4;
        return new ImageHeader(swap ? codec.Info.Height : codec.Info.Width, swap ? codec.Info.Width : codec.Info.Height,
            codec.EncodedFormat.ToString(), orientation is >= 1 and <= 8 ? orientation : 1, channels);
    }

    private static byte[] ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ImageDecodeException(path, ImageDecodeError.NotFound, "the file does not exist.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageDecodeException(path, ImageDecodeError.Unreadable, $"the file cannot be read ({e.Message}).", e);
        }
    }

    private static SKCodec OpenCodec(ReadOnlySpan<byte> data, string? sourceName)
    {
        if (data.Length == 0) throw new ImageDecodeException(sourceName, ImageDecodeError.Empty, "the file is empty (0 bytes).");
        using (SKData skData = SKData.CreateCopy(data))
        {
            // The SKData overload reads from memory directly (about twice as fast for JPEG as a stream-backed codec).
            SKCodec? codec = SKCodec.Create(skData);
            if (codec != null) return codec;
        }
        // Failed: ask again through a stream to learn why (the codec result is only reported on that path).
        // The codec takes ownership of the stream; on failure Skia has already released it.
        SKCodec? again = SKCodec.Create(new SKMemoryStream(data.ToArray()), out SKCodecResult result);
        if (again != null) return again;
        string? format = ImageSignatures.Sniff(data);
        if (format is null)
            throw new ImageDecodeException(sourceName, ImageDecodeError.UnknownFormat,
                $"not a recognised image format (JPEG, PNG, BMP, GIF, WebP, ICO); the file starts with {ImageSignatures.Describe(data)}.");
        if (ImageHeaderCheck.Diagnose(data, format) is { } reason)
            throw new ImageDecodeException(sourceName, reason.Error, reason.Message);
        if (result == SKCodecResult.IncompleteInput)
            throw new ImageDecodeException(sourceName, ImageDecodeError.Truncated, $"the {format} header is incomplete ({data.Length} bytes; truncated file).");
        throw new ImageDecodeException(sourceName, ImageDecodeError.Corrupt, $"the {format} header is invalid ({result}).");
    }
}
