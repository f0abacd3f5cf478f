namespace ModelZoo.Models.AlexNets;

/// <summary>Registers <c>alexnet</c> (torchvision's) and <c>alexnet-original</c> (Krizhevsky et al. 2012) with the <see cref="Zoo"/>.</summary>
public sealed class AlexNetFamily : IModelFamily
{
    public IEnumerable<ModelEntry> Entries { get; } = new[]
    {
        new ModelEntry("alexnet", "AlexNet", "AlexNet as in torchvision (64-192-384-256-256 filters, adaptive 6x6 pooling); input >= 63x63",
            new[] { 3, 224, 224 }, o => AlexNetBuilders.AlexNet(ToOptions(o), o.Seed)),
        new ModelEntry("alexnet-original", "AlexNet", "AlexNet as in Krizhevsky et al. 2012 (96-256-384-384-256 filters, LRN, two groups); 227x227 input",
            new[] { 3, 227, 227 }, o => AlexNetBuilders.AlexNetOriginal(ToOriginalOptions(o), o.Seed)),
    };

    private static AlexNetOptions ToOptions(ModelOptions o)
    {
        if (o.InputSize is { } size && size < 63)
            throw new ArgumentOutOfRangeException(nameof(o), size, "alexnet needs inputs of at least 63x63 (it accepts any size from there; InputSize only checks your plan).");
        var d = o.ApplyTo(new AlexNetOptions());
        return d with { Dropout = o.Dropout ?? d.Dropout };
    }

    private static AlexNetOriginalOptions ToOriginalOptions(ModelOptions o)
    {
        var d = o.ApplyTo(new AlexNetOriginalOptions());
        return d with { Dropout = o.Dropout ?? d.Dropout, InputSize = o.InputSize ?? d.InputSize };
    }
}
