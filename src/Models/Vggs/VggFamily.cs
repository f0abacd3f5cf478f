namespace ModelZoo.Models.Vggs;

/// <summary>Registers vgg11, vgg11_bn, vgg13, vgg13_bn, vgg16, vgg16_bn, vgg19 and vgg19_bn with the <see cref="Zoo"/>.</summary>
public sealed class VggFamily : IModelFamily
{
    // torchvision's cfgs: each configuration is registered plain and with batch norm ("_bn").
    private static readonly (int Depth, string Config, Func<VggOptions?, long?, Vgg> Plain, Func<VggOptions?, long?, Vgg> BatchNorm)[] s_variants =
    {
        (11, "A", VggBuilders.Vgg11, VggBuilders.Vgg11Bn),
        (13, "B", VggBuilders.Vgg13, VggBuilders.Vgg13Bn),
        (16, "D", VggBuilders.Vgg16, VggBuilders.Vgg16Bn),
        (19, "E", VggBuilders.Vgg19, VggBuilders.Vgg19Bn),
    };

    public IEnumerable<ModelEntry> Entries { get; } = s_variants.SelectMany(v => new[]
    {
        Entry($"vgg{v.Depth}", $"VGG-{v.Depth} (configuration {v.Config})", v.Plain),
        Entry($"vgg{v.Depth}_bn", $"VGG-{v.Depth} (configuration {v.Config}) with batch norm", v.BatchNorm),
    }).ToArray();

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
