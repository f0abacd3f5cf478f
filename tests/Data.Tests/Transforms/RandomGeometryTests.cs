using ModelZoo.Core.Preprocessing;
using ModelZoo.Data.Imaging;
using ModelZoo.Data.Tests.Support;
using ModelZoo.Data.Transforms;
using ModelZoo.Data.Transforms.Functional;

namespace ModelZoo.Data.Tests.Transforms;

/// <summary>Random geometry: with a seeded Random, the drawn parameters are in range and the output is the stateless
/// kernel applied with exactly those parameters.</summary>
public sealed class RandomGeometryTests
{
    private static readonly ImageBuffer s_img = TestImages.Pattern(48, 36);

    [Fact]
    public void RandomCropDrawsACornerInsideThePaddedImage()
    {
        var t = new RandomCrop((20, 24), padding: new[] { 4 });
        ImageBuffer padded = t.PadInput(s_img);
        Assert.Equal((56, 44), (padded.Width, padded.Height));
        var seen = new HashSet<(int, int)>();
        for (int seed = 0; seed < 100; seed++)
        {
            (int top, int left) = t.MakeParams(padded.Height, padded.Width, new Random(seed));
            Assert.InRange(top, 0, 44 - 20);
            Assert.InRange(left, 0, 56 - 24);
            seen.Add((top, left));
            ImageAssert.Equal(GeometryOps.Crop(padded, top, left, 20, 24), t.Apply(s_img, new Random(seed)));
        }
        Assert.True(seen.Count > 50, $"only {seen.Count} distinct corners in 100 draws");
    }

    [Fact]
    public void RandomCropPadIfNeededPadsTheShortfallOnBothSides()
    {
        var small = TestImages.Pattern(10, 8);
        var t = new RandomCrop((12, 16), padIfNeeded: true, fill: 5);
        ImageBuffer padded = t.PadInput(small);
        // torchvision pads (16 − 10) = 6 on the left and the right, (12 − 8) = 4 at the top and the bottom.
        Assert.Equal((22, 16), (padded.Width, padded.Height));
        Assert.Equal(5, padded[0, 0, 0]);
        Assert.Equal(small[0, 0, 1], padded[4, 6, 1]);
        ImageBuffer output = t.Apply(small, new Random(1));
        Assert.Equal((16, 12), (output.Width, output.Height));
        var e = Assert.Throws<ArgumentException>(() => new RandomCrop((12, 16)).Apply(small, new Random(1)));
        Assert.Contains("(12, 16)", e.Message);
    }

    [Fact]
    public void RandomResizedCropBoxesRespectScaleAndRatioOrFallBackToTheCentre()
    {
        var t = new RandomResizedCrop(16);
        int fallbacks = 0;
        for (int seed = 0; seed < 300; seed++)
        {
            var box = t.MakeParams(s_img.Height, s_img.Width, new Random(seed));
            Assert.True(box.Top >= 0 && box.Left >= 0 && box.Top + box.Height <= 36 && box.Left + box.Width <= 48, $"box {box}");
            // w = round(√(A·r)), h = round(√(A/r)): A ∈ [0.08, 1]·area and r ∈ [3/4, 4/3], up to the ±0.5 rounding.
            double area = 48.0 * 36.0;
            bool areaOk = (box.Width - 0.5) * (box.Height - 0.5) <= area && (box.Width + 0.5) * (box.Height + 0.5) >= 0.08 * area;
            bool ratioOk = (box.Width - 0.5) / (box.Height + 0.5) <= 4.0 / 3.0 && (box.Width + 0.5) / (box.Height - 0.5) >= 3.0 / 4.0;
            bool centred = box == ((36 - box.Height) / 2, (48 - box.Width) / 2, box.Height, box.Width);
            if (!(areaOk && ratioOk)) { Assert.True(centred, $"box {box} is neither in range nor the fallback"); fallbacks++; }
            ImageAssert.Equal(t.Apply(s_img, box), t.Apply(s_img, new Random(seed)));
            ImageBuffer output = t.Apply(s_img, new Random(seed));
            Assert.Equal((16, 16), (output.Width, output.Height));
        }
        Assert.True(fallbacks < 10, $"{fallbacks} fallbacks in 300 draws");

        // Impossible ratio (3..4) on a square: all 10 tries fail → whole width, height round(60/3) = 20, centred.
        var forced = new RandomResizedCrop(8, scale: (0.99, 1.0), ratio: (3.0, 4.0));
        Assert.Equal((20, 0, 20, 60), forced.MakeParams(60, 60, new Random(3)));
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(1.0, 1000)]
    public void FlipsHonourTheirProbability(double p, int expectedFlips)
    {
        var h = new RandomHorizontalFlip(p);
        var v = new RandomVerticalFlip(p);
        Assert.Equal(expectedFlips, Enumerable.Range(0, 1000).Count(s => h.MakeParams(new Random(s))));
        Assert.Equal(expectedFlips, Enumerable.Range(0, 1000).Count(s => v.MakeParams(new Random(s))));
    }

    [Fact]
    public void HalfTheSamplesAreFlippedAndTheFlipIsTheKernel()
    {
        var t = new RandomHorizontalFlip();
        int flips = Enumerable.Range(0, 2000).Count(s => t.MakeParams(new Random(s)));
        Assert.InRange(flips, 900, 1100);
        for (int seed = 0; seed < 20; seed++)
        {
            bool flip = t.MakeParams(new Random(seed));
            ImageAssert.Equal(flip ? GeometryOps.FlipHorizontal(s_img) : s_img, t.Apply(s_img, new Random(seed)));
            var v = new RandomVerticalFlip();
            ImageAssert.Equal(v.MakeParams(new Random(seed)) ? GeometryOps.FlipVertical(s_img) : s_img, v.Apply(s_img, new Random(seed)));
        }
    }

    [Fact]
    public void RandomRotationAnglesAreInRange()
    {
        var t = new RandomRotation((-10, 25), Interpolation.Bilinear, expand: true, fill: new byte[] { 1, 2, 3 });
        for (int seed = 0; seed < 50; seed++)
        {
            double angle = t.MakeParams(new Random(seed));
            Assert.InRange(angle, -10, 25);
            ImageAssert.Equal(WarpOps.Rotate(s_img, angle, Interpolation.Bilinear, true, null, new byte[] { 1, 2, 3 }), t.Apply(s_img, new Random(seed)));
        }
        Assert.Equal((-30.0, 30.0), new RandomRotation(30).Degrees);
    }

    [Fact]
    public void RandomAffineParametersAreInRange()
    {
        var t = new RandomAffine(15, translate: (0.1, 0.2), scale: (0.8, 1.2), shear: new[] { -5.0, 5, -3, 3 });
        for (int seed = 0; seed < 100; seed++)
        {
            RandomAffine.Params p = t.MakeParams(s_img.Height, s_img.Width, new Random(seed));
            Assert.InRange(p.Angle, -15, 15);
            Assert.InRange(p.TranslateX, -5, 5);   // round(±0.1·48 = ±4.8)
            Assert.InRange(p.TranslateY, -7, 7);   // round(±0.2·36 = ±7.2)
            Assert.InRange(p.Scale, 0.8, 1.2);
            Assert.InRange(p.ShearX, -5, 5);
            Assert.InRange(p.ShearY, -3, 3);
            ImageAssert.Equal(WarpOps.Affine(s_img, p.Angle, (p.TranslateX, p.TranslateY), p.Scale, (p.ShearX, p.ShearY)), t.Apply(s_img, new Random(seed)));
        }
        RandomAffine.Params none = new RandomAffine(0).MakeParams(36, 48, new Random(1));
        Assert.Equal(new RandomAffine.Params(0, 0, 0, 1, 0, 0), none);
    }

    [Fact]
    public void RandomPerspectiveCornersStayInTheirQuadrants()
    {
        var t = new RandomPerspective(distortionScale: 0.5, p: 1.0);
        // dx = int(0.5 · 24) = 12, dy = int(0.5 · 18) = 9.
        for (int seed = 0; seed < 50; seed++)
        {
            RandomPerspective.Params p = t.MakeParams(36, 48, new Random(seed));
            Assert.True(p.Apply);
            Assert.Equal(new[] { (0, 0), (47, 0), (47, 35), (0, 35) }, p.StartPoints);
            (int X, int Y)[] e = p.EndPoints;
            Assert.True(e[0].X is >= 0 and <= 12 && e[0].Y is >= 0 and <= 9, $"top-left {e[0]}");
            Assert.True(e[1].X is >= 35 and <= 47 && e[1].Y is >= 0 and <= 9, $"top-right {e[1]}");
            Assert.True(e[2].X is >= 35 and <= 47 && e[2].Y is >= 26 and <= 35, $"bottom-right {e[2]}");
            Assert.True(e[3].X is >= 0 and <= 12 && e[3].Y is >= 26 and <= 35, $"bottom-left {e[3]}");
            ImageAssert.Equal(WarpOps.Perspective(s_img, p.StartPoints, p.EndPoints), t.Apply(s_img, new Random(seed)));
        }
        Assert.Same(s_img, new RandomPerspective(p: 0).Apply(s_img, new Random(1)));
    }

    [Fact]
    public void CenterCropAndResizeTransforms()
    {
        Assert.Same(s_img, new CenterCrop((36, 48)).Apply(s_img, new Random(0)));
        ImageAssert.Equal(GeometryOps.CenterCrop(s_img, 20, 30), new CenterCrop((20, 30)).Apply(s_img, new Random(0)));
        // Shorter side 18 of 48 x 36 → 24 x 18 (longer side int(18 · 48 / 36) = 24); with max_size 20 → int(20·18/24) = 15 x 20.
        Assert.Equal((18, 24), new Resize(18).OutputSize(36, 48));
        Assert.Equal((15, 20), new Resize(18, maxSize: 20).OutputSize(36, 48));
        Assert.Equal((10, 11), new Resize((10, 11)).OutputSize(36, 48));
        ImageBuffer r = new Resize(18).Apply(s_img, new Random(0));
        Assert.Equal((24, 18), (r.Width, r.Height));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Resize(10, maxSize: 10));
    }

    [Fact]
    public void CropListsStackIntoATensor()
    {
        var t = new Compose(new TenCrop(16), new StackCrops(new ToTensor()));
        using var scope = TorchSharp.torch.NewDisposeScope();
        var stacked = t.Apply<TorchSharp.torch.Tensor>(s_img, new Random(0));
        Assert.Equal(new long[] { 10, 3, 16, 16 }, stacked.shape);
        Assert.Equal(5, new FiveCrop((16, 20)).Apply(s_img, new Random(0)).Length);
    }
}
