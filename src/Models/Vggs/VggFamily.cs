namespace ModelZoo.Models.Vggs;

/// <summary>Registers vgg11, vgg11_bn, vgg13, vgg13_bn, vgg16, vgg16_bn, vgg19 and vgg19_bn with the <see cref="Zoo"/>.</summary>
public sealed class VggFamily : IModelFamily
{
    public IEnumerable<ModelEntry> Entries { get; } = new[]
    {
        Entry("vgg11", "VGG-11 (configuration A)", VggBuilders.Vgg11),
        Entry("vgg11_bn", "VGG-11 (configuration A) with batch norm", VggBuilders.Vgg11Bn),
        Entry("vgg13", "VGG-13 (configuration B)", VggBuilders.Vgg13),
        Entry("vgg13_bn", "VGG-13 (configuration B) with batch norm", VggBuilders.Vgg13Bn),
        Entry("vgg16", "VGG-16 (configuration D)", VggBuilders.Vgg16),
        Entry("vgg16_bn", "VGG-16 (configuration D) with batch norm", VggBuilders.Vgg16Bn),
        Entry("vgg19", "VGG-19 (configuration E)", VggBuilders.Vgg19),
        Entry("vgg19_bn", "VGG-19 (configuration E) with batch norm", VggBuilders.Vgg19Bn),
    };

    private static ModelEntry Entry(string name, string description, Func<VggOptions?, long?, Vgg> build) =>
        new(name, "VGG", description + "; input >= 32x32", new[] { 3, 224, 224 }, o => build(ToOptions(name, o), o.Seed));

    private static VggOptions ToOptions(string name, ModelOptions o)
    {
        if (o.InputSize is { } size && size < 32)
            throw new ArgumentOutOfRangeException(nameof(o), size, $"{name} needs inputs of at least 32x32 (it accepts any size from there; InputSize only checks your plan).");
        var d = o.ApplyTo(new VggOptions());
        return d with { Dropout = o.Dropout ?? d.Dropout };
    }
}
