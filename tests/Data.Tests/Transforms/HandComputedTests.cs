using ModelZoo.Data.Imaging;
using ModelZoo.Data.Tests.Support;
using ModelZoo.Data.Transforms;
using ModelZoo.Data.Transforms.Functional;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Data.Tests.Transforms;

/// <summary>Kernels on tiny images whose results are worked out by hand in the comments.</summary>
public sealed class HandComputedTests
{
    // 3 x 2 (width x height) L image:  1 2 3
    //                                  4 5 6
    private static ImageBuffer Small() => ImageAssert.FromRows(1, new byte[,] { { 1, 2, 3 }, { 4, 5, 6 } });

    [Fact]
    public void CropBoxesIncludingOutsideTheImage()
    {
        ImageAssert.Equal(ImageAssert.FromRows(1, new byte[,] { { 2, 3 }, { 5, 6 } }), GeometryOps.Crop(Small(), 0, 1, 2, 2));
        // Box from (-1, -1) of 3 x 2: the outside is 0 (PIL crop semantics).
        ImageAssert.Equal(ImageAssert.FromRows(1, new byte[,] { { 0, 0 }, { 0, 1 }, { 0, 4 } }), GeometryOps.Crop(Small(), -1, -1, 3, 2));
        // Centre crop 1 x 1 of a 3 x 2 image: top = round(0.5) = 0 (half to even), left = round(1.0) = 1.
        ImageAssert.Equal(ImageAssert.FromRows(1, new byte[,] { { 2 } }), GeometryOps.CenterCrop(Small(), 1, 1));
        // Centre crop 4 x 5 of 3 x 2 pads (1 left, 1 right; 1 top, 1 bottom) then takes the whole padded image.
        ImageAssert.Equal(ImageAssert.FromRows(1, new byte[,] { { 0, 0, 0, 0, 0 }, { 0, 1, 2, 3, 0 }, { 0, 4, 5, 6, 0 }, { 0, 0, 0, 0, 0 } }),
            GeometryOps.CenterCrop(Small(), 4, 5));
    }

    [Fact]
    public void FlipsAndRightAngleRotationsOfAKnownPattern()
    {
        ImageAssert.Equal(ImageAssert.FromRows(1, new byte[,] { { 3, 2, 1 }, { 6, 5, 4 } }), GeometryOps.FlipHorizontal(Small()));
        ImageAssert.Equal(ImageAssert.FromRows(1, new byte[,] { { 4, 5, 6 }, { 1, 2, 3 } }), GeometryOps.FlipVertical(Small()));
        // Counter-clockwise 90°: the right column (3, 6) becomes the top row.
        ImageAssert.Equal(ImageAssert.FromRows(1, new byte[,] { { 3, 6 }, { 2, 5 }, { 1, 4 } }), GeometryOps.Rotate90(Small()));
        ImageAssert.Equal(ImageAssert.FromRows(1, new byte[,] { { 4, 1 }, { 5, 2 }, { 6, 3 } }), GeometryOps.Rotate270(Small()));
        ImageAssert.Equal(ImageAssert.FromRows(1, new byte[,] { { 6, 5, 4 }, { 3, 2, 1 } }), GeometryOps.Rotate180(Small()));
        ImageAssert.Equal(ImageAssert.FromRows(1, new byte[,] { { 1, 4 }, { 2, 5 }, { 3, 6 } }), GeometryOps.Transpose(Small()));
        ImageAssert.Equal(ImageAssert.FromRows(1, new byte[,] { { 6, 3 }, { 5, 2 }, { 4, 1 } }), GeometryOps.Transverse(Small()));
        // WarpOps.Rotate by 90 with expand takes the exact transpose path; by -90 (= 270) likewise.
        ImageAssert.Equal(GeometryOps.Rotate90(Small()), WarpOps.Rotate(Small(), 90, expand: true));
        ImageAssert.Equal(GeometryOps.Rotate270(Small()), WarpOps.Rotate(Small(), -90, expand: true));
        // A square rotated by 90 without expand: same as the transpose (a 2 x 2 image rotated about its centre).
        var sq = ImageAssert.FromRows(1, new byte[,] { { 1, 2 }, { 3, 4 } });
        ImageAssert.Equal(ImageAssert.FromRows(1, new byte[,] { { 2, 4 }, { 1, 3 } }), WarpOps.Rotate(sq, 90));
    }

    [Fact]
    public void PadModes()
    {
        var row = ImageAssert.FromRows(1, new byte[,] { { 1, 2, 3 } });
        ImageAssert.Equal(ImageAssert.FromRows(1, new byte[,] { { 9, 9, 1, 2, 3, 9 } }), Pad.Apply(row, 2, 0, 1, 0, 9, PaddingMode.Constant));
        ImageAssert.Equal(ImageAssert.FromRows(1, new byte[,] { { 1, 1, 1, 2, 3, 3 } }), Pad.Apply(row, 2, 0, 1, 0, 0, PaddingMode.Edge));
        ImageAssert.Equal(ImageAssert.FromRows(1, new byte[,] { { 3, 2, 1, 2, 3, 2 } }), Pad.Apply(row, 2, 0, 1, 0, 0, PaddingMode.Reflect));
        ImageAssert.Equal(ImageAssert.FromRows(1, new byte[,] { { 2, 1, 1, 2, 3, 3 } }), Pad.Apply(row, 2, 0, 1, 0, 0, PaddingMode.Symmetric));
    }

    [Fact]
    public void ToneOperationsOnSmallArrays()
    {
        var img = ImageAssert.FromRows(1, new byte[,] { { 0, 64, 100, 200, 255 } });
        ImageAssert.Equal(ImageAssert.FromRows(1, new byte[,] { { 255, 191, 155, 55, 0 } }), ToneOps.Invert(img));
        // 2 bits keep the top two: masks 0b11000000 → 0, 64, 64, 192, 192.
        ImageAssert.Equal(ImageAssert.FromRows(1, new byte[,] { { 0, 64, 64, 192, 192 } }), ToneOps.Posterize(img, 2));
        // Threshold 100: values >= 100 inverted.
        ImageAssert.Equal(ImageAssert.FromRows(1, new byte[,] { { 0, 64, 155, 55, 0 } }), ToneOps.Solarize(img, 100));

        // Autocontrast of 50..150: scale 255/100 = 2.55, offset −127.5: 50→0, 100→127 (127.5 truncated), 150→255.
        var mid = ImageAssert.FromRows(1, new byte[,] { { 50, 100, 150 } });
        ImageAssert.Equal(ImageAssert.FromRows(1, new byte[,] { { 0, 127, 255 } }), ToneOps.Autocontrast(mid));
        var flat = ImageAssert.FromRows(1, new byte[,] { { 7, 7 } });
        ImageAssert.Equal(flat, ToneOps.Autocontrast(flat));

        // Equalize of [10, 10, 20, 30]: histogram used values {10: 2, 20: 1, 30: 1}; step = (4 − 1) // 255 = 0 → identity.
        var eq0 = ImageAssert.FromRows(1, new byte[,] { { 10, 10, 20, 30 } });
        ImageAssert.Equal(eq0, ToneOps.Equalize(eq0));
        // 256 pixels of value 0 and 256 of value 255 plus 255 of value 128: step = (767 − 256) // 255 = 2, n starts at 1;
        // lut[0] = 1 // 2 = 0; after bin 0 n = 257, lut[128] = 257 // 2 = 128; after bin 128 n = 512 → lut[255] = 256 → clipped 255.
        var values = Enumerable.Repeat((byte)0, 256).Concat(Enumerable.Repeat((byte)128, 255)).Concat(Enumerable.Repeat((byte)255, 256)).ToArray();
        ImageBuffer eq = ToneOps.Equalize(new ImageBuffer(values.Length, 1, 1, values));
        Assert.Equal(new byte[] { 0, 128, 255 }, new[] { eq.Pixels[0], eq.Pixels[256], eq.Pixels[^1] });
    }

    [Fact]
    public void ColourBlendsTruncateLikePillow()
    {
        var px = new ImageBuffer(1, 1, 3, new byte[] { 100, 50, 201 });
        // Brightness 0.5: 0 + 0.5·v truncated → 50, 25, 100.
        ImageAssert.Equal(new ImageBuffer(1, 1, 3, new byte[] { 50, 25, 100 }), ColorOps.AdjustBrightness(px, 0.5));
        // Brightness 2: clipped at 255.
        ImageAssert.Equal(new ImageBuffer(1, 1, 3, new byte[] { 200, 100, 255 }), ColorOps.AdjustBrightness(px, 2));
        // Saturation 0: every channel becomes the luma (100·299 + 50·587 + 201·114)/1000 = 82.164 → 82.
        ImageAssert.Equal(new ImageBuffer(1, 1, 3, new byte[] { 82, 82, 82 }), ColorOps.AdjustSaturation(px, 0));
        // Saturation 2: 82 + 2·(v − 82) → 118, 18, 320 clipped to 255.
        ImageAssert.Equal(new ImageBuffer(1, 1, 3, new byte[] { 118, 18, 255 }), ColorOps.AdjustSaturation(px, 2));
        // Grayscale: the same luma, 1 channel.
        ImageAssert.Equal(new ImageBuffer(1, 1, 1, new byte[] { 82 }), ColorOps.ToGrayscale(px));
        // Hue 0.5 of pure red: HSV hue 0 → 127 → cyan-ish (0, 255, 249) with Pillow's 8-bit HSV.
        ImageBuffer cyan = ColorOps.AdjustHue(new ImageBuffer(1, 1, 3, new byte[] { 255, 0, 0 }), 0.5);
        Assert.Equal(0, cyan.Pixels[0]);
        Assert.Equal(255, cyan.Pixels[1]);
        Assert.InRange(cyan.Pixels[2], 240, 255);
    }

    [Fact]
    public void NormalizeSubtractsMeanAndDividesByStd()
    {
        using var scope = torch.NewDisposeScope();
        var img = new ImageBuffer(1, 1, 3, new byte[] { 255, 0, 51 });
        Tensor x = ToTensor.ToFloatTensor(img); // [1, 0, 0.2]
        float[] y = new Normalize(new[] { 0.5, 0.5, 0.1 }, new[] { 0.25, 0.5, 0.2 }).Apply(x, new Random(0)).data<float>().ToArray();
        Assert.Equal(new[] { 2f, -1f, 0.5f }, y.Select(v => MathF.Round(v, 5)).ToArray());
    }

    [Fact]
    public void ToDtypeScalesBetweenRanges()
    {
        using var scope = torch.NewDisposeScope();
        Tensor bytes = torch.tensor(new byte[] { 0, 128, 255 });
        Assert.Equal(new[] { 0f, 128f / 255f, 1f }, new ToDtype(ScalarType.Float32, scale: true).Apply(bytes, new Random(0)).data<float>().ToArray());
        // float → uint8: x · (255 + 1 − 0.001) truncated: 0.5 → 127.9995 → 127; 1.0 → 255.999 → 255.
        Tensor floats = torch.tensor(new[] { 0f, 0.5f, 1f });
        Assert.Equal(new byte[] { 0, 127, 255 }, new ToDtype(ScalarType.Byte, scale: true).Apply(floats, new Random(0)).data<byte>().ToArray());
        // uint8 → int16: shift left by 15 − 8 = 7 bits; back again: shift right 7.
        Tensor wide = new ToDtype(ScalarType.Int16, scale: true).Apply(bytes, new Random(0));
        Assert.Equal(new short[] { 0, 128 << 7, 255 << 7 }, wide.data<short>().ToArray());
        Assert.Equal(new byte[] { 0, 128, 255 }, new ToDtype(ScalarType.Byte, scale: true).Apply(wide, new Random(0)).data<byte>().ToArray());
        // Without scaling only the type changes.
        Assert.Equal(new[] { 0f, 128f, 255f }, new ToDtype(ScalarType.Float32).Apply(bytes, new Random(0)).data<float>().ToArray());
        Assert.Throws<ArgumentException>(() => new ToDtype(ScalarType.Bool));
    }

    [Fact]
    public void FiveAndTenCropCorners()
    {
        // 3 x 2 image, crops of 2 x 1 (h x w) → tl (1,4), tr (3,6), bl (1,4), br (3,6), centre: top 0, left round(2/2) = 1 → (2,5).
        ImageBuffer[] five = GeometryOps.FiveCrop(Small(), 2, 1);
        Assert.Equal(new[] { "1,4", "3,6", "1,4", "3,6", "2,5" }, five.Select(c => string.Join(",", c.Pixels)).ToArray());
        // The mirrored image is 3 2 1 / 6 5 4.
        ImageBuffer[] ten = GeometryOps.TenCrop(Small(), 2, 1);
        Assert.Equal(new[] { "3,6", "1,4", "3,6", "1,4", "2,5" }, ten.Skip(5).Select(c => string.Join(",", c.Pixels)).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => GeometryOps.FiveCrop(Small(), 3, 1));
    }
}
