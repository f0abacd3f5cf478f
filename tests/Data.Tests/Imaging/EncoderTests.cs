using ModelZoo.Data.Imaging;
using ModelZoo.Data.Tests.Support;

namespace ModelZoo.Data.Tests.Imaging;

public sealed class EncoderTests
{
    private static ImageBuffer Pattern(int channels, int w = 19, int h = 11)
    {
        var img = new ImageBuffer(w, h, channels);
        for (int i = 0; i < img.Pixels.Length; i++) img.Pixels[i] = (byte)(i * 37 % 251);
        return img;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public void PngRoundTripIsLosslessAndKeepsTheLayout(int channels)
    {
        using var dir = RepoPaths.NewTempDir();
        ImageBuffer img = Pattern(channels);
        string path = dir.File("p.png");
        ImageEncoder.SavePng(img, path);
        ImageHeader header = ImageDecoder.ReadHeader(path);
        Assert.Equal(("Png", 19, 11, channels), (header.Format, header.Width, header.Height, header.Channels));
        ImageAssert.Equal(img, ImageDecoder.Decode(path, ImageModes.FromChannels(channels)));
    }

    [Fact]
    public void JpegQualityTradesSizeForError()
    {
        ImageBuffer img = ImageDecoder.Decode(RepoPaths.SharedData("images", "cat.jpg"));
        byte[] low = ImageEncoder.EncodeJpeg(img, 20), high = ImageEncoder.EncodeJpeg(img, 95);
        Assert.True(low.Length < high.Length, $"q20 {low.Length} bytes, q95 {high.Length} bytes");
        double errLow = ImageAssert.Diff(img.Pixels, ImageDecoder.Decode(low).Pixels).Mean;
        double errHigh = ImageAssert.Diff(img.Pixels, ImageDecoder.Decode(high).Pixels).Mean;
        Assert.True(errHigh < errLow && errHigh < 2.0, $"mean |diff| q20 {errLow:F2}, q95 {errHigh:F2}");
        Assert.Equal("Jpeg", ImageDecoder.ReadHeader(high).Format);
        Assert.Equal(1, ImageDecoder.ReadHeader(ImageEncoder.EncodeJpeg(Pattern(1))).Channels);
    }

    [Fact]
    public void SaveReplacesAnExistingFileAndLeavesNoTemporaryFile()
    {
        using var dir = RepoPaths.NewTempDir();
        string path = dir.File("out.png");
        File.WriteAllText(path, "old content");
        ImageEncoder.SavePng(Pattern(3), path);
        ImageEncoder.SaveJpeg(Pattern(3), dir.File("out.jpg"), 90);
        Assert.Equal(new[] { "out.jpg", "out.png" }, Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order().ToArray());
        ImageAssert.Equal(Pattern(3), ImageDecoder.Decode(path));
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        using var dir = RepoPaths.NewTempDir();
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageEncoder.SaveJpeg(Pattern(3), dir.File("x.jpg"), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageEncoder.EncodeJpeg(Pattern(3), 101));
        Assert.Throws<DirectoryNotFoundException>(() => ImageEncoder.SavePng(Pattern(3), dir.File(Path.Combine("missing", "x.png"))));
        Assert.Empty(Directory.GetFiles(dir.Path));
    }
}
