namespace ModelZoo.Models.CifarResNets;

/// <summary>Options of <see cref="CifarResNet"/> (He et al. 2015, section 4.2: the 6n+2-layer CIFAR networks).</summary>
public sealed record CifarResNetOptions
{
    /// <summary>Total depth 6n+2: 20, 32, 44, 56, 110, ... (default 20).</summary>
    public int Depth { get; init; } = 20;

    /// <summary>Number of classes (default 10).</summary>
    public int NumClasses { get; init; } = 10;

    /// <summary>Input channels (default 3).</summary>
    public int InChannels { get; init; } = 3;

    /// <summary>Blocks per stage, n = (depth − 2) / 6.</summary>
    public int BlocksPerStage => (Depth - 2) / 6;

    internal void Validate()
    {
        if (Depth < 8 || (Depth - 2) % 6 != 0)
            throw new ArgumentOutOfRangeException(nameof(Depth), Depth, "CIFAR ResNet depth must be 6n+2 with n >= 1 (20, 32, 44, 56, 110, ...).");
        if (NumClasses < 0) throw new ArgumentOutOfRangeException(nameof(NumClasses), NumClasses, "NumClasses must be >= 0 (0 = no classifier).");
        if (InChannels < 1) throw new ArgumentOutOfRangeException(nameof(InChannels), InChannels, "InChannels must be >= 1.");
    }
}
