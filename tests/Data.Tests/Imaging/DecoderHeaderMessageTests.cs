using ModelZoo.Data.Imaging;
using ModelZoo.Data.Tests.Helpers;

namespace ModelZoo.Data.Tests.Imaging;

/// <summary>Header problems get distinct, true messages (the codec reports them all as "incomplete input"), and no
/// message tells a user to set an API option.</summary>
public sealed class DecoderHeaderMessageTests
{
    private static ImageDecodeException Fails(byte[] data, string name) =>
        Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(data, ImageDecodeOptions.Default, name));

    [Fact]
    public void A_bad_header_crc_and_a_zero_size_png_are_told_apart()
    {
        ImageDecodeException crc = Fails(PngBuilder.Rgb(4, 3, badHeaderCrc: true), "crc.png");
        Assert.Equal(ImageDecodeError.Corrupt, crc.Error);
        Assert.Matches("^Image 'crc.png': the PNG header chunk \\(IHDR\\) is damaged: its CRC-32 is 0x[0-9A-F]{8} but 0x[0-9A-F]{8} is stored\\.$", crc.Message);

        ImageDecodeException zero = Fails(PngBuilder.Rgb(0, 0), "zero.png");
        Assert.Equal(ImageDecodeError.Corrupt, zero.Error);
        Assert.Equal("Image 'zero.png': the PNG declares a 0x0 image; width and height must be at least 1.", zero.Message);

        ImageDecodeException wideZero = Fails(PngBuilder.Rgb(5, 0), "flat.png");
        Assert.Contains("declares a 5x0 image", wideZero.Message);
        Assert.DoesNotContain("truncated", crc.Message + zero.Message + wideZero.Message);
    }

    [Fact]
    public void A_png_cut_inside_its_header_is_truncated_with_the_byte_counts()
    {
        byte[] png = PngBuilder.Rgb(4, 3);
        ImageDecodeException e = Fails(png[..20], "cut.png");
        Assert.Equal(ImageDecodeError.Truncated, e.Error);
        Assert.Contains("ends inside its header (20 bytes; the signature and IHDR chunk take 33; truncated file)", e.Message);
    }

    [Fact]
    public void Impossible_png_headers_name_the_field()
    {
        byte[] png = PngBuilder.Rgb(4, 3);
        byte[] depth = (byte[])png.Clone();
        depth[24] = 3;   // bit depth 3 with colour type 2
        FixIhdrCrc(depth);
        Assert.Contains("colour type 2 with bit depth 3, which is not a valid combination", Fails(depth, "depth.png").Message);
        byte[] chunk = (byte[])png.Clone();
        "tEXt"u8.CopyTo(chunk.AsSpan(12));
        Assert.Contains("first chunk is 'tEXt' of 13 bytes, not the 13-byte IHDR header chunk", Fails(chunk, "chunk.png").Message);
    }

    [Fact]
    public void A_jpeg_declaring_no_pixels_says_so()
    {
        byte[] jpeg = File.ReadAllBytes(RepoPaths.Fixtures("imaging", "formats", "baseline.jpg"));
        int sof = Enumerable.Range(0, jpeg.Length - 1).First(i => jpeg[i] == 0xFF && jpeg[i + 1] is 0xC0 or 0xC1 or 0xC2);
        jpeg[sof + 5] = 0;
        jpeg[sof + 6] = 0;   // height 0
        ImageDecodeException e = Fails(jpeg, "zero.jpg");
        Assert.Contains("declares a 23x0 image; width and height must be at least 1", e.Message);
    }

    [Fact]
    public void Truncated_images_are_not_told_to_set_an_api_option()
    {
        byte[] png = File.ReadAllBytes(RepoPaths.SharedData("images", "cat-and-dog.png"));
        byte[] jpeg = File.ReadAllBytes(RepoPaths.SharedData("images", "cat.jpg"));
        foreach ((byte[] data, string name) in new[] { (png[..(png.Length * 2 / 3)], "cut.png"), (jpeg[..(jpeg.Length / 2)], "cut.jpg") })
        {
            ImageDecodeException e = Fails(data, name);
            Assert.Equal(ImageDecodeError.Truncated, e.Error);
            Assert.EndsWith("data ends before the image is complete (truncated file).", e.Message);
            Assert.DoesNotContain("ImageDecodeOptions", e.Message);
        }
    }

    [Theory]
    [InlineData(1, 20000)]
    [InlineData(20000, 1)]
    public void One_pixel_wide_or_tall_pngs_decode(int width, int height)
    {
        ImageBuffer image = ImageDecoder.Decode(PngBuilder.Rgb(width, height), ImageDecodeOptions.Default, "strip.png");
        Assert.Equal((width, height, 3), (image.Width, image.Height, image.Channels));
        Assert.Equal((byte)(7 * (width - 1) + height - 1), image[height - 1, width - 1, 0]);
    }

    private static void FixIhdrCrc(byte[] png)
    {
        uint crc = System.IO.Hashing.Crc32.HashToUInt32(png.AsSpan(12, 17));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), crc);
    }
}
