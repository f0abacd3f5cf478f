namespace ModelZoo.Models.ResNets;

/// <summary>The residual block a <see cref="ResNet"/> is built from.</summary>
public enum ResNetBlockKind
{
    /// <summary><see cref="BasicBlock"/> (two 3×3 convolutions, expansion 1): ResNet-18/34.</summary>
    Basic,

    /// <summary><see cref="Bottleneck"/> (1×1, 3×3, 1×1, expansion 4): ResNet-50 and deeper, ResNeXt, Wide ResNet.</summary>
    Bottleneck,
}
