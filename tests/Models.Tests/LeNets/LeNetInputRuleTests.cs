namespace ModelZoo.Models.Tests.LeNets;

/// <summary>LeNet-5's input-size rule is the family's (ModelEntry.OptionsFor), not a name test in generic code.</summary>
public sealed class LeNetInputRuleTests
{
    [Fact]
    public void LeNet5_is_built_for_28x28_images_and_for_32x32_otherwise()
    {
        ModelEntry lenet = Zoo.Get("lenet5");
        Assert.Equal(new ModelOptions { InChannels = 1, InputSize = 28 }, lenet.OptionsFor(new InputImage(1, 28, 28)));
        Assert.Equal(new ModelOptions { InChannels = 3 }, lenet.OptionsFor(new InputImage(3, 32, 32)));
        Assert.Equal(new ModelOptions { InChannels = 3 }, lenet.OptionsFor(new InputImage(3)));   // varying sizes: resized to 32
        Assert.Equal(new ModelOptions { InputSize = 32, InChannels = 5 }, lenet.OptionsFor(new InputImage(1, 28, 28), new ModelOptions { InputSize = 32, InChannels = 5 }));
        Assert.Equal(new ModelOptions { InChannels = 1 }, Zoo.Get("lenet5-classic").OptionsFor(new InputImage(1, 28, 28)));   // 32 only: padded
        Assert.Equal(new ModelOptions(), Zoo.Get("resnet18").OptionsFor(new InputImage(null, 28, 28)));

        using ImageClassifier built = lenet.Build(lenet.OptionsFor(new InputImage(1, 28, 28)));
        Assert.Equal((28, 28), built.FixedInputSize);
        Assert.Equal(61_706 - 144 * 120, ModelZoo.Models.Summary.ModelSummary.Compute("lenet5", new long[] { 1, 28, 28 }).Params);   // summary applies it too
        Assert.Equal(61_706, ModelZoo.Models.Summary.ModelSummary.Compute("lenet5").Params);
    }
}
