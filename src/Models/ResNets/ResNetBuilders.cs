namespace ModelZoo.Models.ResNets;

/// <summary>
/// Public builders of the ResNet family, one per torchvision builder (same depths, groups and widths).
/// Each takes <see cref="ResNetOptions"/> (null = torchvision's defaults) and an optional seed for the random
/// initialisation; the ResNeXt and wide builders set <c>Groups</c>/<c>WidthPerGroup</c> themselves and reject
/// conflicting values.
/// </summary>
public static class ResNetBuilders
{
    private static readonly int[] s_18 = { 2, 2, 2, 2 };
    private static readonly int[] s_34 = { 3, 4, 6, 3 };
    private static readonly int[] s_101 = { 3, 4, 23, 3 };
    private static readonly int[] s_152 = { 3, 8, 36, 3 };

    /// <summary>ResNet-18 (BasicBlock [2, 2, 2, 2]; 11,689,512 parameters at 1000 classes).</summary>
    public static ResNet ResNet18(ResNetOptions? options = null, long? seed = null) => Build(ResNetBlockKind.Basic, s_18, options, seed);

    /// <summary>ResNet-34 (BasicBlock [3, 4, 6, 3]; 21,797,672 parameters).</summary>
    public static ResNet ResNet34(ResNetOptions? options = null, long? seed = null) => Build(ResNetBlockKind.Basic, s_34, options, seed);

    /// <summary>ResNet-50 (Bottleneck [3, 4, 6, 3]; 25,557,032 parameters).</summary>
    public static ResNet ResNet50(ResNetOptions? options = null, long? seed = null) => Build(ResNetBlockKind.Bottleneck, s_34, options, seed);

    /// <summary>ResNet-101 (Bottleneck [3, 4, 23, 3]; 44,549,160 parameters).</summary>
    public static ResNet ResNet101(ResNetOptions? options = null, long? seed = null) => Build(ResNetBlockKind.Bottleneck, s_101, options, seed);

    /// <summary>ResNet-152 (Bottleneck [3, 8, 36, 3]; 60,192,808 parameters).</summary>
    public static ResNet ResNet152(ResNetOptions? options = null, long? seed = null) => Build(ResNetBlockKind.Bottleneck, s_152, options, seed);

    /// <summary>ResNeXt-50 32×4d (groups 32, width per group 4; 25,028,904 parameters).</summary>
    public static ResNet ResNeXt50_32x4d(ResNetOptions? options = null, long? seed = null) =>
        Build(ResNetBlockKind.Bottleneck, s_34, WithWidth(options, 32, 4, nameof(ResNeXt50_32x4d)), seed);

    /// <summary>ResNeXt-101 32×8d (groups 32, width per group 8; 88,791,336 parameters).</summary>
    public static ResNet ResNeXt101_32x8d(ResNetOptions? options = null, long? seed = null) =>
        Build(ResNetBlockKind.Bottleneck, s_101, WithWidth(options, 32, 8, nameof(ResNeXt101_32x8d)), seed);

    /// <summary>Wide ResNet-50-2 (bottleneck width doubled; 68,883,240 parameters).</summary>
    public static ResNet WideResNet50_2(ResNetOptions? options = null, long? seed = null) =>
        Build(ResNetBlockKind.Bottleneck, s_34, WithWidth(options, 1, 128, nameof(WideResNet50_2)), seed);

    /// <summary>Wide ResNet-101-2 (bottleneck width doubled; 126,886,696 parameters).</summary>
    public static ResNet WideResNet101_2(ResNetOptions? options = null, long? seed = null) =>
        Build(ResNetBlockKind.Bottleneck, s_101, WithWidth(options, 1, 128, nameof(WideResNet101_2)), seed);

    private static ResNet Build(ResNetBlockKind block, int[] layers, ResNetOptions? options, long? seed) => SeedScope.Build(seed, () => new ResNet(block, layers, options));

    /// <summary>Sets the variant's groups and width; a caller's conflicting non-default value is an error, not overridden.</summary>
    private static ResNetOptions WithWidth(ResNetOptions? options, int groups, int widthPerGroup, string variant)
    {
        options ??= new ResNetOptions();
        var defaults = new ResNetOptions();
        if ((options.Groups != defaults.Groups && options.Groups != groups)
            || (options.WidthPerGroup != defaults.WidthPerGroup && options.WidthPerGroup != widthPerGroup))
            throw new ArgumentException(
                $"{variant} fixes Groups={groups} and WidthPerGroup={widthPerGroup}; got Groups={options.Groups}, " +
                $"WidthPerGroup={options.WidthPerGroup}. Leave them unset, or use new ResNet(...) for a custom width.", nameof(options));
        return options with { Groups = groups, WidthPerGroup = widthPerGroup };
    }
}
