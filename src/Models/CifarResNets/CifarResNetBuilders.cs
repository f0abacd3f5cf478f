namespace ModelZoo.Models.CifarResNets;

/// <summary>Public builders of the CIFAR ResNet family.</summary>
public static class CifarResNetBuilders
{
    /// <summary>A CIFAR ResNet of the given depth (6n+2).</summary>
    public static CifarResNet CifarResNet(CifarResNetOptions? options = null, long? seed = null) => SeedScope.Build(seed, () => new CifarResNet(options));

    public static CifarResNet ResNet20(int numClasses = 10, long? seed = null) => CifarResNet(new() { Depth = 20, NumClasses = numClasses }, seed);
    public static CifarResNet ResNet32(int numClasses = 10, long? seed = null) => CifarResNet(new() { Depth = 32, NumClasses = numClasses }, seed);
    public static CifarResNet ResNet44(int numClasses = 10, long? seed = null) => CifarResNet(new() { Depth = 44, NumClasses = numClasses }, seed);
    public static CifarResNet ResNet56(int numClasses = 10, long? seed = null) => CifarResNet(new() { Depth = 56, NumClasses = numClasses }, seed);
    public static CifarResNet ResNet110(int numClasses = 10, long? seed = null) => CifarResNet(new() { Depth = 110, NumClasses = numClasses }, seed);
}
