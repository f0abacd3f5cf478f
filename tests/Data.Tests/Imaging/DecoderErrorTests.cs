using ModelZoo.Data.Imaging;
using ModelZoo.Data.Tests.Support;

namespace ModelZoo.Data.Tests.Imaging;

/// <summary>
/// The documented behaviour for bad input: a missing, empty, non-image, truncated or damaged file throws an
/// <see cref="ImageDecodeException"/> (an IOException) naming the path and the reason, never a native crash or a
/// hang; <see cref="ImageDecodeOptions.AllowIncomplete"/> keeps the decoded part of a truncated image instead.
/// </summary>
public sealed class DecoderErrorTests
{
    private static ImageDecodeException Throws(string path, ImageDecodeError error, ImageDecodeOptions? options = null)
    {
        var e = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(path, options ?? ImageDecodeOptions.Default));
        Assert.Equal(error, e.Error);
        Assert.Equal(path, e.Path);
        Assert.Contains(path, e.Message);
        Assert.IsAssignableFrom<IOException>(e);
        return e;
    }

    [Fact]
    public void MissingFileNamesThePath()
    {
        using var dir = RepoPaths.NewTempDir();
        string path = dir.File("no-such-image.jpg");
        var e = Throws(path, ImageDecodeError.NotFound);
        Assert.IsType<FileNotFoundException>(e.InnerException);
        Assert.Throws<ImageDecodeException>(() => ImageDecoder.ReadHeader(path));
        Throws(dir.File(Path.Combine("missing-folder", "x.png")), ImageDecodeError.NotFound);
    }

    [Fact]
    public void ZeroByteFileIsEmpty()
    {
        using var dir = RepoPaths.NewTempDir();
        string path = dir.File("empty.jpg");
        File.WriteAllBytes(path, Array.Empty<byte>());
        var e = Throws(path, ImageDecodeError.Empty);
        Assert.Contains("0 bytes", e.Message);
    }

    [Fact]
    public void TextFileNamedPngIsUnknownFormatAndQuotesItsStart()
    {
        using var dir = RepoPaths.NewTempDir();
        string path = dir.File("notes.png");
        File.WriteAllText(path, "hello, this is not a picture\n");
        var e = Throws(path, ImageDecodeError.UnknownFormat);
        Assert.Contains("\"hello, t\"", e.Message);
    }

    [Fact]
    public void TruncatedJpegThrowsByDefaultAndKeepsTheDecodedPartWhenAllowed()
    {
        using var dir = RepoPaths.NewTempDir();
        byte[] full = File.ReadAllBytes(RepoPaths.SharedData("images", "cat.jpg"));
        string path = dir.File("truncated.jpg");
        File.WriteAllBytes(path, full.AsSpan(0, full.Length / 2).ToArray());

        var e = Throws(path, ImageDecodeError.Truncated);
        Assert.Contains("truncated", e.Message);

        ImageBuffer partial = ImageDecoder.Decode(path, new ImageDecodeOptions(AllowIncomplete: true));
        Assert.Equal((480, 360, 3), (partial.Width, partial.Height, partial.Channels));
        ImageBuffer whole = ImageDecoder.Decode(RepoPaths.SharedData("images", "cat.jpg"));
        // The top rows were decoded (and equal the full decode); the bottom rows were filled.
        ImageAssert.Equal(GeometryCrop(whole, 0, 40), GeometryCrop(partial, 0, 40), "top rows of the truncated JPEG");
        Assert.False(GeometryCrop(whole, 320, 40).Pixels.SequenceEqual(GeometryCrop(partial, 320, 40).Pixels));
        // The filled rows are deterministic (no stale memory from pooled buffers): decode again after another image.
        ImageDecoder.Decode(RepoPaths.SharedData("images", "fish-bike.jpg"));
        ImageAssert.Equal(partial, ImageDecoder.Decode(path, new ImageDecodeOptions(AllowIncomplete: true)), "second partial decode");
    }

    [Fact]
    public void JpegCutInsideItsHeaderIsTruncated()
    {
        using var dir = RepoPaths.NewTempDir();
        byte[] full = File.ReadAllBytes(RepoPaths.SharedData("images", "cat.jpg"));
        string path = dir.File("header-only.jpg");
        File.WriteAllBytes(path, full.AsSpan(0, 20).ToArray());
        var e = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(path, new ImageDecodeOptions(AllowIncomplete: true)));
        Assert.True(e.Error is ImageDecodeError.Truncated or ImageDecodeError.Corrupt, e.Message);
        Assert.Equal(path, e.Path);
    }

    [Fact]
    public void TruncatedPngThrowsTruncated()
    {
        using var dir = RepoPaths.NewTempDir();
        byte[] full = File.ReadAllBytes(RepoPaths.SharedData("images", "cat-and-dog.png"));
        string path = dir.File("truncated.png");
        File.WriteAllBytes(path, full.AsSpan(0, full.Length * 2 / 3).ToArray());
        Throws(path, ImageDecodeError.Truncated);
        ImageBuffer partial = ImageDecoder.Decode(path, new ImageDecodeOptions(AllowIncomplete: true));
        Assert.Equal((224, 224), (partial.Width, partial.Height));
    }

    [Fact]
    public void DamagedPngHeaderIsCorrupt()
    {
        using var dir = RepoPaths.NewTempDir();
        byte[] bytes = File.ReadAllBytes(RepoPaths.SharedData("images", "cat-and-dog.png"));
        for (int i = 16; i < 24; i++) bytes[i] = 0xFF; // IHDR width/height → invalid, CRC no longer matches
        string path = dir.File("damaged.png");
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(path));
        Assert.True(e.Error is ImageDecodeError.Corrupt or ImageDecodeError.Truncated or ImageDecodeError.TooLarge, e.Message);
    }

    [Fact]
    public void TooManyPixelsIsRefusedBeforeDecoding()
    {
        string path = RepoPaths.SharedData("images", "dog.jpg");
        Throws(path, ImageDecodeError.TooLarge, new ImageDecodeOptions(MaxPixels: 1_000_000));
    }

    [Theory]
    [InlineData("png")]
    [InlineData("jpg")]
    public void OnePixelImageRoundTrips(string format)
    {
        using var dir = RepoPaths.NewTempDir();
        var pixel = new ImageBuffer(1, 1, 3, new byte[] { 200, 100, 50 });
        string path = dir.File("one." + format);
        if (format == "png") ImageEncoder.SavePng(pixel, path); else ImageEncoder.SaveJpeg(pixel, path, quality: 100);
        ImageBuffer back = ImageDecoder.Decode(path);
        Assert.Equal((1, 1, 3), (back.Width, back.Height, back.Channels));
        ImageAssert.Close(pixel, back, maxDiff: format == "png" ? 0 : 3, what: path);
        ImageBuffer gray = ImageDecoder.Decode(path, ImageMode.L);
        Assert.InRange(gray.Pixels[0], ImageConversion.Luma(200, 100, 50) - 3, ImageConversion.Luma(200, 100, 50) + 3);
    }

    [Fact]
    public void StreamAndBytesDecodeLikeThePath()
    {
        string path = RepoPaths.SharedData("images", "cat.jpg");
        ImageBuffer fromPath = ImageDecoder.Decode(path);
        using FileStream stream = File.OpenRead(path);
        ImageAssert.Equal(fromPath, ImageDecoder.Decode(stream, sourceName: path));
        ImageAssert.Equal(fromPath, ImageDecoder.Decode(File.ReadAllBytes(path)));
        var e = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(new byte[] { 1, 2, 3 }, sourceName: "buffer#7"));
        Assert.Equal("buffer#7", e.Path);
        Assert.Contains("010203", e.Message);
    }

    private static ImageBuffer GeometryCrop(ImageBuffer img, int top, int rows) =>
        ModelZoo.Data.Transforms.Functional.GeometryOps.Crop(img, top, 0, rows, img.Width);
}
