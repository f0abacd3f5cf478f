using ModelZoo.Core.Preprocessing;
using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Data.Tests.Transforms;

/// <summary>A weights' preset turns into transforms in the data library (torchvision's weights.transforms()), from the
/// preset's plain values.</summary>
public sealed class PresetTransformsTests
{
    private static ImageBuffer Noise(int width, int height, int channels, int seed)
    {
        var image = new ImageBuffer(width, height, channels);
        new Random(seed).NextBytes(image.Pixels);
        return image;
    }

    private static Tensor Run(ITransform transform, ImageBuffer image) => (Tensor)transform.Apply(image, new Random(0));

    [Theory]
    [InlineData("bilinear", Interpolation.Bilinear)]
    [InlineData("Bicubic", Interpolation.Bicubic)]
    [InlineData("NEAREST", Interpolation.Nearest)]
    public void From_preset_equals_resize_crop_tensor_normalise(string name, Interpolation mode)
    {
        double[] mean = { 0.485, 0.456, 0.406 }, std = { 0.229, 0.224, 0.225 };
        ImageBuffer image = Noise(61, 47, 3, 1);
        using var scope = torch.NewDisposeScope();
        Tensor expected = Run(new Compose(new Resize(40, mode), new CenterCrop(32), new ToTensor(), new Normalize(mean, std)), image);
        Tensor got = Run(PresetTransforms.FromPreset(40, 32, name, mean, std), image);
        Assert.Equal(new long[] { 3, 32, 32 }, got.shape);
        Assert.True(expected.allclose(got, 0, 0));
    }

    [Fact]
    public void A_crop_larger_than_the_resized_image_zero_pads_it_like_Pad()
    {
        ImageBuffer digit = Noise(28, 28, 1, 2);
        using var scope = torch.NewDisposeScope();
        Tensor padded = Run(new Compose(new Pad(2), new ToTensor(), new Normalize(new[] { 0.1307 }, new[] { 0.3081 })), digit);
        Tensor preset = Run(PresetTransforms.FromPreset(28, 32, "bilinear", new[] { 0.1307 }, new[] { 0.3081 }), digit);
        Assert.True(padded.allclose(preset, 0, 0));
    }

    [Fact]
    public void Scale_and_normalise_keeps_the_size_and_bad_values_are_named()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = Run(PresetTransforms.ScaleAndNormalize(new[] { 0.5 }, new[] { 0.5 }), new ImageBuffer(5, 3, 1));
        Assert.Equal(new long[] { 1, 3, 5 }, x.shape);
        Assert.Equal(-1f, x.min().item<float>());

        var ex = Assert.Throws<ArgumentException>(() => PresetTransforms.FromPreset(256, 224, "cubic", new[] { 0.5 }, new[] { 0.5 }));
        Assert.Contains("'cubic'", ex.Message);
        Assert.Contains("bilinear", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => PresetTransforms.FromPreset(0, 224, "bilinear", new[] { 0.5 }, new[] { 0.5 }));
    }
}
