using ModelZoo.Models.ResNets;

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
        var resNetOptions = options.ApplyTo(new ResNetOptions { NumClasses = 0 }) with { Dropout = options.Dropout };
        using (SeedScope.Enter(options.Seed)) return new ResNet(ResNetBlockKind.Basic, MlNetResNet18.Layers, resNetOptions);
    }
}
