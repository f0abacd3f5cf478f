namespace ModelZoo.Models.AlexNets;

/// <summary>Public builders of the AlexNet family. A seed seeds torch's global generator while the weights are
/// drawn and restores it afterwards, so two builds with the same seed are identical and the caller's random stream
/// is left as it was.</summary>
public static class AlexNetBuilders
{
    /// <summary>torchvision's <c>alexnet</c> (61,100,840 parameters with 1000 classes).</summary>
    public static AlexNet AlexNet(AlexNetOptions? options = null, long? seed = null) => SeedScope.Build(seed, () => new AlexNet(options));

    /// <summary>AlexNet as in Krizhevsky et al. 2012 (LRN, two groups, 227×227 input).</summary>
    public static AlexNetOriginal AlexNetOriginal(AlexNetOriginalOptions? options = null, long? seed = null) => SeedScope.Build(seed, () => new AlexNetOriginal(options));
}
