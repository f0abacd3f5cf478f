namespace ModelZoo.Models.Vggs;

/// <summary>Public builders of the VGG family (torchvision's names). A seed seeds torch's global generator while the
/// weights are drawn and restores it afterwards (see <see cref="SeedScope"/>).</summary>
public static class VggBuilders
{
    /// <summary>VGG-11 (configuration A), 132,863,336 parameters.</summary>
    public static Vgg Vgg11(VggOptions? options = null, long? seed = null) => Build(VggConfig.A, false, options, seed);

    /// <summary>VGG-11 with batch norm, 132,868,840 parameters.</summary>
    public static Vgg Vgg11Bn(VggOptions? options = null, long? seed = null) => Build(VggConfig.A, true, options, seed);

    /// <summary>VGG-13 (configuration B), 133,047,848 parameters.</summary>
    public static Vgg Vgg13(VggOptions? options = null, long? seed = null) => Build(VggConfig.B, false, options, seed);

    /// <summary>VGG-13 with batch norm, 133,053,736 parameters.</summary>
    public static Vgg Vgg13Bn(VggOptions? options = null, long? seed = null) => Build(VggConfig.B, true, options, seed);

    /// <summary>VGG-16 (configuration D), 138,357,544 parameters.</summary>
    public static Vgg Vgg16(VggOptions? options = null, long? seed = null) => Build(VggConfig.D, false, options, seed);

    /// <summary>VGG-16 with batch norm, 138,365,992 parameters.</summary>
    public static Vgg Vgg16Bn(VggOptions? options = null, long? seed = null) => Build(VggConfig.D, true, options, seed);

    /// <summary>VGG-19 (configuration E), 143,667,240 parameters.</summary>
    public static Vgg Vgg19(VggOptions? options = null, long? seed = null) => Build(VggConfig.E, false, options, seed);

    /// <summary>VGG-19 with batch norm, 143,678,248 parameters.</summary>
    public static Vgg Vgg19Bn(VggOptions? options = null, long? seed = null) => Build(VggConfig.E, true, options, seed);

    private static Vgg Build(VggConfig config, bool batchNorm, VggOptions? options, long? seed) => SeedScope.Build(seed, () => new Vgg(config, batchNorm, options));
}
