using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.Core;

/// <summary>InChannels is read from the stem convolution, so a stem swapped in place changes what the input check expects.</summary>
public sealed class StemChannelsTests
{
    [Theory]
    [InlineData("resnet18", "conv1", 64L, 7L)]
    [InlineData("googlenet", "conv1.conv", 64L, 7L)]
    [InlineData("vgg11", "features.0", 64L, 3L)]
    [InlineData("lenet5", "conv1", 6L, 5L)]
    public void A_grayscale_stem_swapped_in_place_is_what_validation_expects(string name, string stem, long outChannels, long kernel)
    {
        using ImageClassifier model = Zoo.Create(name, new ModelOptions { NumClasses = 3 });
        int before = model.InChannels;
        Assert.Equal(name == "lenet5" ? 1 : 3, before);
        int grayscale = before == 1 ? 2 : 1;
        ModuleSurgery.Replace(model, stem, nn.Conv2d(grayscale, outChannels, kernel, bias: false)).Dispose();
        Assert.Equal(grayscale, model.InChannels);
        int size = model.FixedInputSize?.Height ?? 64;
        var ex = Assert.Throws<ArgumentException>(() => model.ValidateInput(torch.zeros(1, before, size, size)));
        Assert.Contains($"expects {grayscale} input channel(s)", ex.Message);
        model.ValidateInput(torch.zeros(1, grayscale, size, size));
    }
}
