namespace ModelZoo.Models.ResNets;

/// <summary>Options of <see cref="ResNet"/> (torchvision's constructor arguments, plus input channels and dropout).</summary>
public sealed record ResNetOptions : ClassifierOptions
{
    /// <summary>NumClasses 1000 (of <c>fc</c>), InChannels 3 (of the stem <c>conv1</c>; 1 for grayscale).</summary>
    public ResNetOptions() : base(numClasses: 1000, inChannels: 3) { }

    /// <summary>Initialise the last BatchNorm of every residual branch with weight 0, so each block starts as an
    /// identity (torchvision's <c>zero_init_residual</c>; Goyal et al. 2017). Default false.</summary>
    public bool ZeroInitResidual { get; init; }

    /// <summary>Groups of the 3×3 convolution of each bottleneck (ResNeXt cardinality; default 1).
    /// Set by the ResNeXt builders; BasicBlock networks support only 1.</summary>
    public int Groups { get; init; } = 1;

    /// <summary>Channels per group of the bottleneck's 3×3 convolution at the first stage (default 64;
    /// 128 for Wide ResNet-50-2, 4 for ResNeXt-50 32×4d). Set by the builders; BasicBlock networks support only 64.</summary>
    public int WidthPerGroup { get; init; } = 64;

    /// <summary>Dropout probability applied to the pooled features before <c>fc</c>. Null or 0 (default) adds no
    /// dropout, as torchvision; a dropout module holds no state, so the state_dict is unchanged either way.</summary>
    public double? Dropout { get; init; }

    internal void Validate()
    {
        ValidateClassifier();
        if (Groups < 1) throw new ArgumentOutOfRangeException(nameof(Groups), Groups, "Groups must be >= 1.");
        if (WidthPerGroup < 1) throw new ArgumentOutOfRangeException(nameof(WidthPerGroup), WidthPerGroup, "WidthPerGroup must be >= 1.");
        if (Dropout is { } p) ValidateProbability(p, nameof(Dropout));
    }
}
