using ModelZoo.Models.Pretrained;

namespace ModelZoo.Models;

/// <summary>One registered architecture: its name (torchvision's where one exists), family, default input shape
/// [C, H, W] and builder, plus the family's rules for building it for given images (<see cref="InputRule"/>) and for
/// given weights (<see cref="WeightsRule"/>), as torchvision's builders and timm's pretrained configs do. Generic code
/// (jobs, verbs, the resolver) asks the entry instead of testing model names.</summary>
public sealed record ModelEntry(
    string Name,
    string Family,
    string Description,
    int[] DefaultInputShape,
    Func<ModelOptions, ImageClassifier> Build)
{
    /// <summary>The family's rule for images of a given size, applied after the generic one (an unset
    /// <see cref="ModelOptions.InChannels"/> becomes the images' channel count). Null: no size rule (the data pipeline
    /// pads or resizes images to the model's input).</summary>
    public Func<ModelOptions, InputImage, ModelOptions>? InputRule { get; init; }

    /// <summary>How a model of this entry is built for weights about to be loaded (the default builds with the options
    /// and loads every key; GoogLeNet decides its auxiliary heads and input transform from the weights).</summary>
    public IWeightsRule WeightsRule { get; init; } = DefaultWeightsRule.Instance;

    /// <summary>The side of the square input this architecture is usually fed (<see cref="DefaultInputShape"/>'s height:
    /// 224 for ImageNet families, 32 for LeNet and CIFAR).</summary>
    public int DefaultImageSize => DefaultInputShape.Length == 3 ? DefaultInputShape[1] : 224;

    /// <summary>The options to build this model with for images of <paramref name="input"/>: <paramref name="requested"/>
    /// with unset values filled by the images (channels) and the family's <see cref="InputRule"/> (e.g. LeNet-5's input
    /// size). Values set in <paramref name="requested"/> are kept.</summary>
    public ModelOptions OptionsFor(InputImage input, ModelOptions? requested = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ModelOptions options = requested ?? new ModelOptions();
        if (options.InChannels is null && input.Channels is { } channels) options = options with { InChannels = channels };
        return InputRule is null ? options : InputRule(options, input);
    }
}
