namespace ModelZoo.Models.Vggs;

/// <summary>
/// A VGG configuration (Simonyan and Zisserman 2014, Table 1) as torchvision's <c>cfgs</c>: the output channels of
/// each 3×3 convolution in order, with <see cref="MaxPool"/> marking a 2×2/2 max-pool.
/// </summary>
public sealed record VggConfig(string Name, IReadOnlyList<int> Layers)
{
    /// <summary>Marks a max-pool in <see cref="Layers"/>.</summary>
    public const int MaxPool = 0;

    private const int M = MaxPool;

    /// <summary>Configuration A, 11 weight layers (vgg11).</summary>
    public static VggConfig A { get; } = new("A", new[] { 64, M, 128, M, 256, 256, M, 512, 512, M, 512, 512, M });

    /// <summary>Configuration B, 13 weight layers (vgg13).</summary>
    public static VggConfig B { get; } = new("B", new[] { 64, 64, M, 128, 128, M, 256, 256, M, 512, 512, M, 512, 512, M });

    /// <summary>Configuration D, 16 weight layers (vgg16).</summary>
    public static VggConfig D { get; } = new("D", new[] { 64, 64, M, 128, 128, M, 256, 256, 256, M, 512, 512, 512, M, 512, 512, 512, M });

    /// <summary>Configuration E, 19 weight layers (vgg19).</summary>
    public static VggConfig E { get; } = new("E", new[] { 64, 64, M, 128, 128, M, 256, 256, 256, 256, M, 512, 512, 512, 512, M, 512, 512, 512, 512, M });

    /// <summary>Channels of the last convolution (the width of the feature map entering the classifier).</summary>
    public int OutChannels => Layers.Last(v => v != MaxPool);
}
