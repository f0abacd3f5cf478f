namespace ModelZoo.Models.ResNets;

/// <summary>Registers torchvision's ResNet, ResNeXt and Wide ResNet names with the <see cref="Zoo"/>.</summary>
public sealed class ResNetFamily : IModelFamily
{
    private static readonly int[] s_inputShape = { 3, 224, 224 };

    public IEnumerable<ModelEntry> Entries { get; } = new[]
    {
        Entry("resnet18", "ResNet-18 (He et al. 2015), BasicBlock [2, 2, 2, 2]", ResNetBuilders.ResNet18),
        Entry("resnet34", "ResNet-34, BasicBlock [3, 4, 6, 3]", ResNetBuilders.ResNet34),
        Entry("resnet50", "ResNet-50 (v1.5: stride on the 3x3), Bottleneck [3, 4, 6, 3]", ResNetBuilders.ResNet50),
        Entry("resnet101", "ResNet-101, Bottleneck [3, 4, 23, 3]", ResNetBuilders.ResNet101),
        Entry("resnet152", "ResNet-152, Bottleneck [3, 8, 36, 3]", ResNetBuilders.ResNet152),
        Entry("resnext50_32x4d", "ResNeXt-50 32x4d (Xie et al. 2017)", ResNetBuilders.ResNeXt50_32x4d),
        Entry("resnext101_32x8d", "ResNeXt-101 32x8d", ResNetBuilders.ResNeXt101_32x8d),
        Entry("wide_resnet50_2", "Wide ResNet-50-2 (Zagoruyko & Komodakis 2016)", ResNetBuilders.WideResNet50_2),
        Entry("wide_resnet101_2", "Wide ResNet-101-2", ResNetBuilders.WideResNet101_2),
    };

    private static ModelEntry Entry(string name, string description, Func<ResNetOptions?, long?, ResNet> build) =>
        new(name, "ResNet", description, s_inputShape, o => build(ToOptions(o), o.Seed));

    private static ResNetOptions ToOptions(ModelOptions o)
    {
        if (o.InputSize is not null)
            throw new ArgumentException("ResNets take any input size >= 1; leave ModelOptions.InputSize unset.", nameof(o));
        var defaults = o.ApplyTo(new ResNetOptions());
        return defaults with { Dropout = o.Dropout ?? defaults.Dropout };
    }
}
