using ModelZoo.Data.Imaging;
using ModelZoo.Data.Tests.Support;

namespace ModelZoo.Data.Tests.Imaging;

public sealed class ConversionTests
{
    [Theory]
    // Values from Pillow 9.4: Image.fromarray(...).convert("L") — rounding of R·299/1000 + G·587/1000 + B·114/1000.
    [InlineData(2, 0, 0, 1)]
    [InlineData(1, 0, 0, 0)]
    [InlineData(0, 0, 5, 1)]
    [InlineData(0, 0, 4, 0)]
    [InlineData(255, 255, 255, 255)]
    [InlineData(255, 0, 0, 76)]
    [InlineData(0, 255, 0, 150)]
    [InlineData(0, 0, 255, 29)]
    [InlineData(10, 200, 30, 124)]
    public void LumaMatchesPillow(byte r, byte g, byte b, byte expected) => Assert.Equal(expected, ImageConversion.Luma(r, g, b));

    [Fact]
    public void ModesConvertLikePillow()
    {
        var rgba = new ImageBuffer(2, 1, 4, new byte[] { 10, 200, 30, 0, 255, 0, 0, 128 });
        ImageAssert.Equal(new ImageBuffer(2, 1, 3, new byte[] { 10, 200, 30, 255, 0, 0 }), ImageConversion.ToMode(rgba, ImageMode.Rgb), "RGBA→RGB drops alpha");
        ImageAssert.Equal(new ImageBuffer(2, 1, 1, new byte[] { 124, 76 }), ImageConversion.ToMode(rgba, ImageMode.L), "RGBA→L ignores alpha");
        var l = new ImageBuffer(2, 1, 1, new byte[] { 7, 250 });
        ImageAssert.Equal(new ImageBuffer(2, 1, 3, new byte[] { 7, 7, 7, 250, 250, 250 }), ImageConversion.ToMode(l, ImageMode.Rgb));
        ImageAssert.Equal(new ImageBuffer(2, 1, 4, new byte[] { 7, 7, 7, 255, 250, 250, 250, 255 }), ImageConversion.ToMode(l, ImageMode.Rgba));
        Assert.Same(l, ImageConversion.ToMode(l, ImageMode.L));
    }

    [Fact]
    public void ModeNamesParse()
    {
        Assert.Equal(ImageMode.L, ImageModes.Parse("L"));
        Assert.Equal(ImageMode.Rgb, ImageModes.Parse("rgb"));
        Assert.Equal(ImageMode.Rgba, ImageModes.Parse("RGBA"));
        Assert.Equal("RGBA", ImageMode.Rgba.Name());
        var e = Assert.Throws<ArgumentException>(() => ImageModes.Parse("CMYK"));
        Assert.Contains("\"RGB\"", e.Message);
    }
}
