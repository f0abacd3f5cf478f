namespace ModelZoo.Models.ResNets;

/// <summary>torchvision's <c>conv3x3</c>, <c>conv1x1</c> and the shortcut addition shared by both blocks.</summary>
internal static class ResNetLayers
{
    /// <summary>3×3 convolution, padding 1, no bias.</summary>
    public static Conv2d Conv3x3(long inPlanes, long outPlanes, long stride = 1, long groups = 1) =>
        nn.Conv2d(inPlanes, outPlanes, kernel_size: 3, stride: stride, padding: 1, groups: groups, bias: false);

    /// <summary>1×1 convolution, no bias.</summary>
    public static Conv2d Conv1x1(long inPlanes, long outPlanes, long stride = 1) =>
        nn.Conv2d(inPlanes, outPlanes, kernel_size: 1, stride: stride, bias: false);

    /// <summary>The projection shortcut: Sequential("0" conv1x1 with stride, "1" BatchNorm).</summary>
    public static Sequential Downsample(long inPlanes, long outPlanes, long stride) =>
        nn.Sequential(("0", Conv1x1(inPlanes, outPlanes, stride)), ("1", nn.BatchNorm2d(outPlanes)));

    /// <summary>branch + shortcut(input), where the shortcut is the identity or the projection.</summary>
    public static Tensor AddShortcut(Tensor branch, Tensor input, Sequential? downsample)
    {
        if (downsample is null) return branch + input;
        using Tensor identity = downsample.call(input);
        return branch + identity;
    }
}
