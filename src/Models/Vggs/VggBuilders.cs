namespace ModelZoo.Models.Vggs;

/// <summary>Public builders of the VGG family (torchvision's names). A seed seeds torch's global generator while the
/// weights are drawn and restores it afterwards (see <see cref="SeedScope"/>).</summary>
public static class VggBuilders
{
    /// <summary>VGG-11 (configuration A), 132,863,336 parameters.</summary>
    public static Vgg Vgg11(VggOptions? options = null, long? seed = null) => Build(VggConfig.A, false, options, seed);

    /// <summary>Vgg11 for <paramref name="numClasses"/> classes.</summary>
    public static Vgg Vgg11(int numClasses, long? seed = null) => Vgg11(new VggOptions { NumClasses = numClasses }, seed);

    /// <summary>VGG-11 with batch norm, 132,868,840 parameters.</summary>
    public static Vgg Vgg11Bn(VggOptions? options = null, long? seed = null) => Build(VggConfig.A, true, options, seed);

    /// <summary>Vgg11Bn for <paramref name="numClasses"/> classes.</summary>
    public static Vgg Vgg11Bn(int numClasses, long? seed = null) => Vgg11Bn(new VggOptions { NumClasses = numClasses }, seed);

    /// <summary>VGG-13 (configuration B), 133,047,848 parameters.</summary>
    public static Vgg Vgg13(VggOptions? options = null, long? seed = null) => Build(VggConfig.B, false, options, seed);

    /// <summary>Vgg13 for <paramref name="numClasses"/> classes.</summary>
    public static Vgg Vgg13(int numClasses, long? seed = null) => Vgg13(new VggOptions { NumClasses = numClasses }, seed);

    /// <summary>VGG-13 with batch norm, 133,053,736 parameters.</summary>
    public static Vgg Vgg13Bn(VggOptions? options = null, long? seed = null) => Build(VggConfig.B, true, options, seed);

    /// <summary>Vgg13Bn for <paramref name="numClasses"/> classes.</summary>
    public static Vgg Vgg13Bn(int numClasses, long? seed = null) => Vgg13Bn(new VggOptions { NumClasses = numClasses }, seed);

    /// <summary>VGG-16 (configuration D), 138,357,544 parameters.</summary>
    public static Vgg Vgg16(VggOptions? options = null, long? seed = null) => Build(VggConfig.D, false, options, seed);

    /// <summary>Vgg16 for <paramref name="numClasses"/> classes.</summary>
    public static Vgg Vgg16(int numClasses, long? seed = null) => Vgg16(new VggOptions { NumClasses = numClasses }, seed);

    /// <summary>VGG-16 with batch norm, 138,365,992 parameters.</summary>
    public static Vgg Vgg16Bn(VggOptions? options = null, long? seed = null) => Build(VggConfig.D, true, options, seed);

    /// <summary>Vgg16Bn for <paramref name="numClasses"/> classes.</summary>
    public static Vgg Vgg16Bn(int numClasses, long? seed = null) => Vgg16Bn(new VggOptions { NumClasses = numClasses }, seed);

    /// <summary>VGG-19 (configuration E), 143,667,240 parameters.</summary>
    public static Vgg Vgg19(VggOptions? options = null, long? seed = null) => Build(VggConfig.E, false, options, seed);

    /// <summary>Vgg19 for <paramref name="numClasses"/> classes.</summary>
    public static Vgg Vgg19(int numClasses, long? seed = null) => Vgg19(new VggOptions { NumClasses = numClasses }, seed);

    /// <summary>VGG-19 with batch norm, 143,678,248 parameters.</summary>
    public static Vgg Vgg19Bn(VggOptions? options = null, long? seed = null) => Build(VggConfig.E, true, options, seed);

    /// <summary>Vgg19Bn for <paramref name="numClasses"/> classes.</summary>
    public static Vgg Vgg19Bn(int numClasses, long? seed = null) => Vgg19Bn(new VggOptions { NumClasses = numClasses }, seed);

    private static Vgg Build(VggConfig config, bool batchNorm, VggOptions? options, long? seed)
    {
        using (SeedScope.Enter(seed)) return new Vgg(config, batchNorm, options);
    }
}
