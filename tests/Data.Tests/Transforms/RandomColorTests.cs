using ModelZoo.Data.Imaging;
using ModelZoo.Data.Tests.Support;
using ModelZoo.Data.Transforms;
using ModelZoo.Data.Transforms.Functional;

namespace ModelZoo.Data.Tests.Transforms;

/// <summary>Random colour and augmentation-policy transforms: drawn parameters in range, output = kernel(params).</summary>
public sealed class RandomColorTests
{
    private static readonly ImageBuffer s_img = TestImages.Pattern(40, 30);

    [Fact]
    public void ColorJitterFactorsAreInRangeAndAppliedInTheDrawnOrder()
    {
        var t = new ColorJitter(0.4, 0.3, 0.2, 0.1);
        Assert.Equal((0.6, 1.4), t.Brightness);
        Assert.Equal((-0.1, 0.1), t.Hue);
        var orders = new HashSet<string>();
        for (int seed = 0; seed < 100; seed++)
        {
            ColorJitter.Params p = t.MakeParams(new Random(seed));
            Assert.Equal(new[] { 0, 1, 2, 3 }, p.Order.Order().ToArray());
            orders.Add(string.Join("", p.Order));
            Assert.InRange(p.Brightness!.Value, 0.6, 1.4);
            Assert.InRange(p.Contrast!.Value, 0.7, 1.3);
            Assert.InRange(p.Saturation!.Value, 0.8, 1.2);
            Assert.InRange(p.Hue!.Value, -0.1, 0.1);
            ImageBuffer expected = s_img;
            foreach (int fn in p.Order)
                expected = fn switch
                {
                    0 => ColorOps.AdjustBrightness(expected, p.Brightness.Value),
                    1 => ColorOps.AdjustContrast(expected, p.Contrast.Value),
                    2 => ColorOps.AdjustSaturation(expected, p.Saturation.Value),
                    _ => ColorOps.AdjustHue(expected, p.Hue.Value),
                };
            ImageAssert.Equal(expected, t.Apply(s_img, new Random(seed)));
        }
        Assert.True(orders.Count > 12, $"{orders.Count} distinct orders of 24 in 100 draws");

        ColorJitter.Params onlyBrightness = new ColorJitter(brightness: 0.5).MakeParams(new Random(1));
        Assert.Null(onlyBrightness.Contrast);
        Assert.Null(onlyBrightness.Saturation);
        Assert.Null(onlyBrightness.Hue);
        Assert.Null(new ColorJitter((1.0, 1.0), null, null, null).Brightness); // identity range = disabled, like torchvision
    }

    [Fact]
    public void GaussianBlurSigmaIsInRange()
    {
        var t = new GaussianBlur((5, 3), (0.5, 1.5));
        for (int seed = 0; seed < 20; seed++)
        {
            double sigma = t.MakeParams(new Random(seed));
            Assert.InRange(sigma, 0.5, 1.5);
            ImageAssert.Equal(FilterOps.GaussianBlur(s_img, 5, 3, sigma, sigma), t.Apply(s_img, new Random(seed)));
        }
    }

    [Fact]
    public void GrayscaleTransforms()
    {
        ImageBuffer g1 = new Grayscale().Apply(s_img, new Random(0));
        Assert.Equal(1, g1.Channels);
        ImageBuffer g3 = new RandomGrayscale(p: 1).Apply(s_img, new Random(0));
        Assert.Equal(3, g3.Channels);
        for (int i = 0; i < g1.Pixels.Length; i++)
            Assert.True(g3.Pixels[3 * i] == g1.Pixels[i] && g3.Pixels[3 * i + 1] == g1.Pixels[i] && g3.Pixels[3 * i + 2] == g1.Pixels[i]);
        Assert.Same(s_img, new RandomGrayscale(p: 0).Apply(s_img, new Random(0)));
        int converted = Enumerable.Range(0, 2000).Count(s => new RandomGrayscale().MakeParams(new Random(s)));
        Assert.InRange(converted, 140, 260); // p = 0.1
        var rgba = TestImages.Pattern(5, 4, 4);
        ImageBuffer ga = new RandomGrayscale(p: 1).Apply(rgba, new Random(0));
        Assert.Equal(4, ga.Channels);
        Assert.Equal(rgba[2, 3, 3], ga[2, 3, 3]);
    }

    [Fact]
    public void ProbabilisticToneTransformsApplyTheirKernel()
    {
        var cases = new (Transform<ImageBuffer, ImageBuffer> T, Func<ImageBuffer, ImageBuffer> Kernel)[]
        {
            (new RandomInvert(1), ToneOps.Invert),
            (new RandomPosterize(3, 1), i => ToneOps.Posterize(i, 3)),
            (new RandomSolarize(128, 1), i => ToneOps.Solarize(i, 128)),
            (new RandomAdjustSharpness(2, 1), i => FilterOps.AdjustSharpness(i, 2)),
            (new RandomAutocontrast(1), ToneOps.Autocontrast),
            (new RandomEqualize(1), ToneOps.Equalize),
        };
        foreach ((var t, var kernel) in cases) ImageAssert.Equal(kernel(s_img), t.Apply(s_img, new Random(3)), t.ToString());
        Assert.Same(s_img, new RandomInvert(0).Apply(s_img, new Random(3)));
        Assert.InRange(Enumerable.Range(0, 2000).Count(s => new RandomEqualize().MakeParams(new Random(s))), 900, 1100);
    }

    [Fact]
    public void AutoAugmentAppliesOpsOfTheChosenSubPolicy()
    {
        var t = new AutoAugment();
        Assert.Equal(25, t.SubPolicies.Count);
        var chosen = new HashSet<int>();
        for (int seed = 0; seed < 200; seed++)
        {
            AutoAugment.Params p = t.MakeParams(30, 40, new Random(seed));
            chosen.Add(p.SubPolicy);
            var sub = t.SubPolicies[p.SubPolicy];
            Assert.True(p.Ops.Length <= 2);
            foreach ((AugmentOp op, double magnitude) in p.Ops)
            {
                var spec = sub.First(s => s.Op == op);
                (double[] bins, _) = AugmentOps.RandAugmentSpace(op, 10, 30, 40);
                double expected = spec.Bin >= 0 ? bins[spec.Bin] : 0;
                Assert.Equal(expected, Math.Abs(magnitude), 9);
            }
            ImageAssert.Equal(t.Apply(s_img, p), t.Apply(s_img, new Random(seed)));
        }
        Assert.True(chosen.Count >= 20, $"{chosen.Count} sub-policies chosen");
    }

    [Fact]
    public void RandAugmentAndTrivialAugmentDrawFromTheirSpaces()
    {
        var ra = new RandAugment();
        var ta = new TrivialAugmentWide();
        var opsSeen = new HashSet<AugmentOp>();
        for (int seed = 0; seed < 200; seed++)
        {
            RandAugment.Params p = ra.MakeParams(30, 40, new Random(seed));
            Assert.Equal(2, p.Ops.Length);
            foreach ((AugmentOp op, double magnitude) in p.Ops)
            {
                (double[] bins, _) = AugmentOps.RandAugmentSpace(op, 31, 30, 40);
                Assert.Equal(bins.Length > 0 ? bins[9] : 0, Math.Abs(magnitude), 9);
                opsSeen.Add(op);
            }
            ImageAssert.Equal(ra.Apply(s_img, p), ra.Apply(s_img, new Random(seed)));

            TrivialAugmentWide.Params q = ta.MakeParams(new Random(seed));
            (double[] tb, _) = AugmentOps.TrivialAugmentSpace(q.Op, 31);
            Assert.True(tb.Length == 0 ? q.Magnitude == 0 : tb.Any(b => Math.Abs(b - Math.Abs(q.Magnitude)) < 1e-9), $"{q}");
            ImageAssert.Equal(ta.Apply(s_img, q), ta.Apply(s_img, new Random(seed)));
        }
        Assert.Equal(14, opsSeen.Count);
        Assert.DoesNotContain(AugmentOp.Invert, opsSeen);
    }

    [Fact]
    public void MagnitudeBinsMatchTorchvision()
    {
        // Printed by torch 1.13: torch.linspace(0, 0.3, 10).tolist() (float32 values) and the posterize bins of
        // AutoAugment (10 bins, /2.25) and TrivialAugmentWide (31 bins, /5).
        Assert.Equal(new[] { 0.0, 0.03333333507180214, 0.06666667014360428, 0.10000000894069672, 0.13333334028720856, 0.1666666716337204,
            0.20000000298023224, 0.23333334922790527, 0.2666666805744171, 0.30000001192092896 }, AugmentOps.Linspace(0, 0.3, 10));
        Assert.Equal(new double[] { 8, 8, 7, 7, 6, 6, 5, 5, 4, 4 }, AugmentOps.PosterizeBins(10, 8, 4));
        Assert.Equal(new double[] { 8, 8, 8, 7, 7, 7, 7, 7, 6, 6, 6, 6, 6, 5, 5, 5, 5, 5, 4, 4, 4, 4, 4, 3, 3, 3, 3, 3, 2, 2, 2 },
            AugmentOps.PosterizeBins(31, 8, 6));
    }
}
