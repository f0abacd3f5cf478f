using ModelZoo.Core.Preprocessing;
using ModelZoo.Data.Imaging;
using ModelZoo.Data.Tests.Support;
using ModelZoo.Data.Transforms;
using ModelZoo.Data.Transforms.Functional;

namespace ModelZoo.Data.Tests.Transforms;

public sealed class CompositionAndValidationTests
{
    private static readonly ImageBuffer s_img = TestImages.Pattern(20, 16);

    [Fact]
    public void RandomApplyChoiceAndOrder()
    {
        var flip = new RandomHorizontalFlip(1);
        var invert = new RandomInvert(1);
        ImageAssert.Equal(ToneOps.Invert(GeometryOps.FlipHorizontal(s_img)), (ImageBuffer)new RandomApply(new ITransform[] { flip, invert }, 1).Apply(s_img, new Random(0)));
        Assert.Same(s_img, new RandomApply(flip, 0).Apply(s_img, new Random(0)));
        Assert.InRange(Enumerable.Range(0, 1000).Count(s => !ReferenceEquals(s_img, new RandomApply(flip).Apply(s_img, new Random(s)))), 420, 580);

        var choice = new RandomChoice(new ITransform[] { flip, invert }, new[] { 3.0, 1.0 });
        Assert.Equal(new[] { 0.75, 0.25 }, choice.Weights);
        Assert.InRange(Enumerable.Range(0, 2000).Count(s => choice.MakeParams(new Random(s)) == 0), 1400, 1600);
        Assert.All(Enumerable.Range(0, 50), s => Assert.Equal(1, new RandomChoice(new ITransform[] { flip, invert }, new[] { 0.0, 1.0 }).MakeParams(new Random(s))));

        var crop = new CenterCrop((10, 14));
        var order = new RandomOrder(crop, flip, invert);
        for (int seed = 0; seed < 10; seed++)
        {
            int[] o = order.MakeParams(new Random(seed));
            Assert.Equal(new[] { 0, 1, 2 }, o.Order().ToArray());
            ImageBuffer expected = s_img;
            var rng = new Random(seed);
            order.MakeParams(rng);
            foreach (int i in o) expected = (ImageBuffer)order.Transforms[i].Apply(expected, rng);
            ImageAssert.Equal(expected, (ImageBuffer)order.Apply(s_img, new Random(seed)));
        }
    }

    [Fact]
    public void CompositesRejectTransformsThatChangeTheType()
    {
        var toTensor = new ToTensor();
        var e = Assert.Throws<ArgumentException>(() => new RandomApply(toTensor));
        Assert.Contains("Tensor", e.Message);
        Assert.Throws<ArgumentException>(() => new RandomOrder(new RandomInvert(), toTensor));
        Assert.Throws<ArgumentException>(() => new RandomChoice(new ITransform[] { new RandomInvert(), toTensor }));
        Assert.Throws<ArgumentException>(() => new RandomChoice(new ITransform[] { new RandomInvert() }, new[] { 1.0, 2.0 }));
        Assert.Throws<ArgumentException>(() => new RandomChoice(new ITransform[] { new RandomInvert() }, new[] { 0.0 }));
    }

    public static TheoryData<string, Action> BadParameters() => new()
    {
        { "size", () => _ = new Resize(0) },
        { "size", () => _ = new Resize((3, -1)) },
        { "size", () => _ = new CenterCrop(-2) },
        { "size", () => _ = new RandomCrop(0) },
        { "padding", () => _ = new RandomCrop((4, 4), new[] { 1, 2, 3 }) },
        { "padding", () => _ = new RandomCrop(4, padding: -1) },
        { "scale", () => _ = new RandomResizedCrop(8, scale: (0.5, 0.1)) },
        { "ratio", () => _ = new RandomResizedCrop(8, ratio: (0, 1)) },
        { "p", () => _ = new RandomHorizontalFlip(1.5) },
        { "p", () => _ = new RandomVerticalFlip(-0.1) },
        { "degrees", () => _ = new RandomRotation(-5) },
        { "degrees", () => _ = new RandomRotation((10, -10)) },
        { "translate", () => _ = new RandomAffine(0, translate: (1.5, 0)) },
        { "scale", () => _ = new RandomAffine(0, scale: (0, 1)) },
        { "shear", () => _ = new RandomAffine(0, shear: new[] { 1.0, 2, 3 }) },
        { "distortionScale", () => _ = new RandomPerspective(1.5) },
        { "brightness", () => _ = new ColorJitter(brightness: -0.1) },
        { "hue", () => _ = new ColorJitter(hue: 0.6) },
        { "hue", () => _ = new ColorJitter(null, null, null, (-0.7, 0.1)) },
        { "numOutputChannels", () => _ = new Grayscale(2) },
        { "kernelSize", () => _ = new GaussianBlur(4) },
        { "sigma", () => _ = new GaussianBlur(3, (0, 1)) },
        { "bits", () => _ = new RandomPosterize(9) },
        { "sharpnessFactor", () => _ = new RandomAdjustSharpness(-1) },
        { "magnitude", () => _ = new RandAugment(magnitude: 31) },
        { "numMagnitudeBins", () => _ = new TrivialAugmentWide(1) },
        { "scale", () => _ = new RandomErasing(scale: (0.2, 1.5)) },
        { "value", () => _ = new RandomErasing(value: new[] { 1.0 }, randomValue: true) },
        { "name", () => Presets.Augment("fancy", 32) },
        { "size", () => Presets.Augment("basic", 0) },
    };

    [Theory]
    [MemberData(nameof(BadParameters))]
    public void BadParametersThrowNamingTheParameter(string parameter, Action create)
    {
        var e = Assert.ThrowsAny<ArgumentException>(create);
        Assert.Equal(parameter, e.ParamName);
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
    }

    [Fact]
    public void KernelsRejectBadInputClearly()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ResizeOps.Resize(s_img, 0, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => GeometryOps.Crop(s_img, 0, 0, 0, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => ColorOps.AdjustHue(s_img, 0.7));
        Assert.Throws<ArgumentOutOfRangeException>(() => ColorOps.AdjustContrast(s_img, -1));
        Assert.Throws<ArgumentException>(() => WarpOps.Rotate(s_img, 10, Interpolation.Lanczos));
        Assert.Throws<ArgumentException>(() => WarpOps.Rotate(s_img, 10, fill: new byte[] { 1, 2 }));
        var e = Assert.Throws<ArgumentException>(() => FilterOps.GaussianBlur(TestImages.Pattern(3, 3), 9, 9, 1, 1));
        Assert.Contains("smaller than", e.Message);
        Assert.Throws<ArgumentException>(() => WarpOps.Perspective(s_img, new[] { (0, 0), (1, 1), (2, 2), (3, 3) }, new[] { (0, 0), (1, 1), (2, 2), (3, 3) }));
        var typed = Assert.Throws<ArgumentException>(() => ((ITransform)new RandomInvert()).Apply("not an image", new Random(0)));
        Assert.Contains("ImageBuffer", typed.Message);
    }

    [Fact]
    public void OnePixelImagesSurviveEveryImageTransform()
    {
        var pixel = new ImageBuffer(1, 1, 3, new byte[] { 10, 200, 30 });
        ITransform[] all =
        {
            new Resize(4), new CenterCrop(2), new RandomCrop(1), new RandomResizedCrop(3), new RandomHorizontalFlip(1), new RandomVerticalFlip(1),
            new RandomRotation(30), new RandomAffine(20, (0.5, 0.5), (0.5, 2), new[] { 10.0 }), new RandomPerspective(p: 1), new ColorJitter(0.5, 0.5, 0.5, 0.3),
            new Grayscale(3), new RandomGrayscale(1), new RandomInvert(1), new RandomPosterize(2, 1), new RandomSolarize(100, 1),
            new RandomAdjustSharpness(2, 1), new RandomAutocontrast(1), new RandomEqualize(1), new AutoAugment(), new RandAugment(), new TrivialAugmentWide(),
        };
        foreach (ITransform t in all)
            for (int seed = 0; seed < 5; seed++)
                Assert.IsType<ImageBuffer>(t.Apply(pixel, new Random(seed)));
    }
}
