namespace ModelZoo.Models.GoogLeNets;

/// <summary>Public builders of the GoogLeNet family.</summary>
public static class GoogLeNetBuilders
{
    /// <summary>GoogLeNet (Inception v1), torchvision layout; 13,004,888 parameters with aux heads, 6,624,904 without.</summary>
    public static GoogLeNet GoogLeNet(GoogLeNetOptions? options = null, long? seed = null) => SeedScope.Build(seed, () => new GoogLeNet(options));
}
