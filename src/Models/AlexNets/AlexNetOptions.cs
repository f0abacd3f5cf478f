namespace ModelZoo.Models.AlexNets;

/// <summary>Options of torchvision's <see cref="AlexNet"/> variant.</summary>
public sealed record AlexNetOptions
{
    /// <summary>Number of classes (default 1000, ImageNet).</summary>
    public int NumClasses { get; init; } = 1000;

    /// <summary>Input channels (default 3; 1 for grayscale builds <c>features.0</c> with one input channel).</summary>
    public int InChannels { get; init; } = 3;

    /// <summary>Probability of both classifier dropouts (<c>classifier.0</c>, <c>classifier.3</c>; default 0.5).</summary>
    public double Dropout { get; init; } = 0.5;

    internal void Validate()
    {
        if (NumClasses < 0) throw new ArgumentOutOfRangeException(nameof(NumClasses), NumClasses, "NumClasses must be >= 0 (0 = no final layer, pre-logits output).");
        if (InChannels < 1) throw new ArgumentOutOfRangeException(nameof(InChannels), InChannels, "InChannels must be >= 1.");
        if (!(Dropout >= 0 && Dropout < 1)) throw new ArgumentOutOfRangeException(nameof(Dropout), Dropout, "Dropout must be in [0, 1).");
    }
}
