namespace ModelZoo.Models.CifarResNets;

/// <summary>Options of <see cref="CifarResNet"/> (He et al. 2015, section 4.2: the 6n+2-layer CIFAR networks).</summary>
public sealed record CifarResNetOptions : ClassifierOptions
{
    /// <summary>NumClasses 10, InChannels 3.</summary>
    public CifarResNetOptions() : base(numClasses: 10, inChannels: 3) { }

    /// <summary>Total depth 6n+2: 20, 32, 44, 56, 110, ... (default 20).</summary>
    public int Depth { get; init; } = 20;

    /// <summary>Blocks per stage, n = (depth − 2) / 6.</summary>
    public int BlocksPerStage => (Depth - 2) / 6;

    internal void Validate()
    {
        if (Depth < 8 || (Depth - 2) % 6 != 0)
            throw new ArgumentOutOfRangeException(nameof(Depth), Depth, "CIFAR ResNet depth must be 6n+2 with n >= 1 (20, 32, 44, 56, 110, ...).");
        ValidateClassifier();
    }
}
