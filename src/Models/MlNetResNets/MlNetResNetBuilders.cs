using ModelZoo.Models.ResNets;
using TorchSharp;

namespace ModelZoo.Models.MlNetResNets;

/// <summary>Builders of the ML.NET ResNet-18 backbone architecture.</summary>
public static class MlNetResNetBuilders
{
    /// <summary>Builds the backbone (<paramref name="options"/>.NumClasses unset = 0: pooled features).</summary>
    public static ResNet ResNet18MlNet(ModelOptions? options = null)
    {
        options ??= new ModelOptions();
        if (options.InputSize is not null)
            throw new ArgumentException("resnet18-mlnet takes any input size >= 1 (224 for its weights); leave ModelOptions.InputSize unset.", nameof(options));
        if (options.Seed is { } seed) torch.manual_seed(seed);
        var defaults = new ResNetOptions();
        return new ResNet(ResNetBlockKind.Basic, MlNetResNet18.Layers, new ResNetOptions
        {
            NumClasses = options.NumClasses ?? 0,
            InChannels = options.InChannels ?? defaults.InChannels,
            Dropout = options.Dropout,
        });
    }
}
