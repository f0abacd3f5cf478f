using ModelZoo.Core.Preprocessing;
using ModelZoo.Data.Imaging;
using ModelZoo.Data.Tests.Support;
using ModelZoo.Data.Transforms;
using ModelZoo.Data.Transforms.Functional;

namespace ModelZoo.Data.Tests.Transforms;

/// <summary>The windowed resize (<see cref="ResizeOps.ResizeRegion"/>, and Compose's Resize + CenterCrop step) gives the
/// same pixels as the full resize followed by a crop, and handles images 1 pixel wide or tall whose full resize would
/// not fit in memory.</summary>
public sealed class WindowedResizeTests
{
    private static readonly Interpolation[] s_modes =
        { Interpolation.Bilinear, Interpolation.Bicubic, Interpolation.Nearest, Interpolation.Box, Interpolation.Hamming, Interpolation.Lanczos };

    [Fact]
    public void RegionEqualsFullResizeThenCrop()
    {
        var random = new Random(13);
        int cases = 0;
        foreach (Interpolation mode in s_modes)
        {
            for (int i = 0; i < 12; i++)
            {
                int channels = new[] { 1, 3, 4 }[i % 3];
                ImageBuffer image = TestImages.Pattern(random.Next(1, 40), random.Next(1, 40), channels);
                int h = random.Next(1, 70), w = random.Next(1, 70);
                int rh = random.Next(1, h + 10), rw = random.Next(1, w + 10);
                int top = random.Next(-5, h), left = random.Next(-5, w);
                bool antialias = i % 4 != 3;
                ImageBuffer expected = GeometryOps.Crop(ResizeOps.Resize(image, h, w, mode, antialias), top, left, rh, rw);
                ImageBuffer actual = ResizeOps.ResizeRegion(image, h, w, top, left, rh, rw, mode, antialias);
                ImageAssert.Equal(expected, actual, $"{mode} {image} -> {h}x{w}, window {rh}x{rw} at ({top}, {left})");
                cases++;
            }
        }
        Assert.Equal(72, cases);
    }

    [Theory]
    [InlineData(1, 200, 256, 224)]     // 1 wide: the shorter side 1 -> 256, the longer 200 -> 51,200
    [InlineData(200, 1, 256, 224)]
    [InlineData(37, 53, 32, 28)]
    [InlineData(53, 37, 64, 80)]        // crop larger than the resized image: zero-padded
    [InlineData(100, 100, 100, 50)]     // no resize, only the crop
    public void ComposeFusionEqualsTheTwoStepsApart(int width, int height, int resize, int crop)
    {
        ImageBuffer image = TestImages.Pattern(width, height);
        var steps = new ITransform[] { new Resize(resize), new CenterCrop(crop) };
        ImageBuffer apart = new CenterCrop(crop).Apply(new Resize(resize).Apply(image, new Random(0)), new Random(0));
        ImageBuffer fused = new Compose(steps).Apply<ImageBuffer>(image, new Random(0));
        ImageAssert.Equal(apart, fused);
        Assert.Equal((crop, crop), (fused.Height, fused.Width));
    }

    [Theory]
    [InlineData(1, 20000)]
    [InlineData(20000, 1)]
    [InlineData(1, 60000)]
    public void OnePixelWideOrTallImagesResizeAndCropWithoutOverflow(int width, int height)
    {
        ImageBuffer image = TestImages.Pattern(width, height);
        long before = GC.GetAllocatedBytesForCurrentThread();
        ImageBuffer result = Presets.ImageNetEval().Transforms[0] is Resize resize
            ? resize.ApplyThenCenterCrop(image, 224, 224)
            : throw new InvalidOperationException("ImageNetEval no longer starts with Resize.");
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal((224, 224, 3), (result.Height, result.Width, result.Channels));
        Assert.True(allocated < 64L << 20, $"allocated {allocated:N0} bytes for one 224x224 crop");
        // The same window through Compose (what predict runs).
        ImageBuffer viaCompose = new Compose(new Resize(256), new CenterCrop(224)).Apply<ImageBuffer>(image, new Random(0));
        ImageAssert.Equal(result, viaCompose);
    }

    [Fact]
    public void AFullResizeTooLargeForOneBufferIsRefusedWithTheSizes()
    {
        ImageBuffer image = TestImages.Pattern(1, 20000);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Resize(256).Apply(image, new Random(0)));
        Assert.Contains("5120000x256", e.Message);
        Assert.Contains("CenterCrop", e.Message);
    }
}
