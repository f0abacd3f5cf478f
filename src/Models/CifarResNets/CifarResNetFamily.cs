namespace ModelZoo.Models.CifarResNets;

/// <summary>Registers <c>resnet20-cifar</c>, <c>resnet32-cifar</c>, <c>resnet44-cifar</c>, <c>resnet56-cifar</c> and
/// <c>resnet110-cifar</c> with the <see cref="Zoo"/>.</summary>
public sealed class CifarResNetFamily : IModelFamily
{
    public IEnumerable<ModelEntry> Entries { get; } = new[] { 20, 32, 44, 56, 110 }.Select(depth =>
        new ModelEntry($"resnet{depth}-cifar", "CifarResNet",
            $"ResNet-{depth} for 32x32 CIFAR images (3 stages x {(depth - 2) / 6} basic blocks, 16/32/64 channels, option-A shortcuts)",
            new[] { 3, 32, 32 }, o => CifarResNetBuilders.CifarResNet(ToOptions(depth, o), o.Seed))).ToArray();

    private static CifarResNetOptions ToOptions(int depth, ModelOptions o)
    {
        if (o.Dropout is not null)
            throw new ArgumentException("CIFAR ResNets have no dropout; leave ModelOptions.Dropout unset.", nameof(o));
        if (o.InputSize is not null)
            throw new ArgumentException("CIFAR ResNets accept any input size >= 4 (global pooling); leave ModelOptions.InputSize unset.", nameof(o));
        return o.ApplyTo(new CifarResNetOptions { Depth = depth });
    }
}
