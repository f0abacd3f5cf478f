using ModelZoo.Core.Preprocessing;
using ModelZoo.Data.Imaging;
using ModelZoo.Data.Tests.Support;
using ModelZoo.Data.Transforms;
using ModelZoo.Data.Transforms.Batching;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Data.Tests.Transforms;

public sealed class PresetAndDeterminismTests
{
    [Theory]
    [InlineData("none")]
    [InlineData("basic")]
    [InlineData("digits")]
    [InlineData("imagenet")]
    [InlineData("trivialaugment")]
    public void AugmentPresetsProduceTheRequestedSize(string name)
    {
        Assert.Contains(name, Presets.AugmentNames);
        Compose augment = Presets.Augment(name.ToUpperInvariant(), 24);
        foreach (ImageBuffer img in new[] { TestImages.Pattern(24, 24), TestImages.Pattern(50, 31), TestImages.Pattern(13, 40, 1) })
            for (int seed = 0; seed < 5; seed++)
            {
                ImageBuffer output = augment.Apply<ImageBuffer>(img, new Random(seed));
                Assert.Equal((24, 24, img.Channels), (output.Width, output.Height, output.Channels));
            }
        using var scope = torch.NewDisposeScope();
        Tensor t = Presets.Train(name, 24).Apply<Tensor>(TestImages.Pattern(40, 30), new Random(1));
        Assert.Equal(new long[] { 3, 24, 24 }, t.shape);
    }

    [Fact]
    public void NonePresetIsAnIdentityOnImagesOfTheRightSize()
    {
        ImageBuffer img = TestImages.Pattern(32, 32);
        Assert.Same(img, Presets.Augment("none", 32).Apply<ImageBuffer>(img, new Random(1)));
        // basic at 32: padding 4, so crops move by up to 4 pixels but keep 32 x 32.
        RandomCrop crop = Presets.Augment("basic", 32).Transforms.OfType<RandomCrop>().Single();
        Assert.Equal((4, 4, 4, 4), crop.Padding);
    }

    [Fact]
    public void SameSeedGivesIdenticalOutputAndOtherSeedsDiffer()
    {
        ImageBuffer img = TestImages.Pattern(40, 30);
        ITransform[] pipelines =
        {
            Presets.Augment("basic", 28), Presets.Augment("digits", 28), Presets.Augment("imagenet", 28), Presets.Augment("trivialaugment", 28),
            new Compose(new RandomRotation(20, Interpolation.Bilinear), new RandomAffine(10, (0.1, 0.1), (0.9, 1.1), new[] { 5.0 })),
            new Compose(new RandomPerspective(), new GaussianBlur(3), new AutoAugment(), new RandAugment()),
        };
        foreach (ITransform p in pipelines)
        {
            var outputs = new HashSet<string>();
            for (int index = 0; index < 8; index++)
            {
                var a = (ImageBuffer)p.Apply(img, SampleRandom.For(seed: 7, epoch: 2, index));
                var b = (ImageBuffer)p.Apply(img, SampleRandom.For(seed: 7, epoch: 2, index));
                Assert.Equal(a.Pixels, b.Pixels);
                outputs.Add(Convert.ToBase64String(a.Pixels));
            }
            Assert.True(outputs.Count >= 6, $"{p}: only {outputs.Count} distinct outputs for 8 samples");
        }

        using var scope = torch.NewDisposeScope();
        Tensor x = torch.rand(4, 3, 8, 8, generator: new Generator(3));
        Tensor y = torch.tensor(new long[] { 0, 1, 2, 0 });
        var erase = new RandomErasing(p: 1, randomValue: true);
        Assert.True(erase.Apply(x[0], new Random(5)).allclose(erase.Apply(x[0], new Random(5)), 0, 0));
        var cutmix = new CutMix(3);
        Assert.True(cutmix.Apply(x, y, new Random(9)).Inputs.allclose(cutmix.Apply(x, y, new Random(9)).Inputs, 0, 0));
    }

    [Fact]
    public void TransformsNeverModifyTheirInput()
    {
        ImageBuffer img = TestImages.Pattern(30, 20);
        byte[] before = (byte[])img.Pixels.Clone();
        foreach (string name in Presets.AugmentNames)
            for (int seed = 0; seed < 10; seed++) Presets.Augment(name, 16).Apply(img, new Random(seed));
        new Compose(new RandomRotation(45), new ColorJitter(0.5, 0.5, 0.5, 0.5), new RandomEqualize(1)).Apply(img, new Random(1));
        Assert.Equal(before, img.Pixels);
    }
}
