namespace ModelZoo.Models.GoogLeNets;

/// <summary>Registers <c>googlenet</c> with the <see cref="Zoo"/> (aux heads on, as torchvision's class default; weights
/// decide them, see <see cref="GoogLeNetWeightsRule"/>).</summary>
public sealed class GoogLeNetFamily : IModelFamily
{
    public IEnumerable<ModelEntry> Entries { get; } = new[]
    {
        new ModelEntry("googlenet", "GoogLeNet", "GoogLeNet / Inception v1 (Szegedy et al. 2014) with auxiliary heads aux1, aux2",
            new[] { 3, 224, 224 }, o => GoogLeNetBuilders.GoogLeNet(ToOptions(o), o.Seed))
        {
            WeightsRule = GoogLeNetWeightsRule.Instance,
        },
    };

    internal static GoogLeNetOptions ToOptions(ModelOptions o)
    {
        if (o.InputSize is not null)
            throw new ArgumentException("GoogLeNet takes any input size >= 15; leave ModelOptions.InputSize unset.", nameof(o));
        var defaults = o.ApplyTo(new GoogLeNetOptions());
        return defaults with { Dropout = o.Dropout ?? defaults.Dropout };
    }
}
