namespace ModelZoo.Models.Vggs;

/// <summary>Options of <see cref="Vgg"/>; the configuration and batch norm are chosen by the builder.</summary>
public sealed record VggOptions
{
    /// <summary>Number of classes (default 1000, ImageNet).</summary>
    public int NumClasses { get; init; } = 1000;

    /// <summary>Input channels (default 3; 1 for grayscale builds <c>features.0</c> with one input channel).</summary>
    public int InChannels { get; init; } = 3;

    /// <summary>Probability of both classifier dropouts (<c>classifier.2</c>, <c>classifier.5</c>; default 0.5).</summary>
    public double Dropout { get; init; } = 0.5;

    /// <summary>Apply torchvision's initialisation (default true): convolutions Kaiming-normal (fan_out, ReLU) with
    /// zero bias, batch norm weight 1 and bias 0, linear layers N(0, 0.01²) with zero bias. False keeps
    /// TorchSharp's per-layer defaults (useful when weights are loaded right after).</summary>
    public bool InitWeights { get; init; } = true;

    internal void Validate()
    {
        if (NumClasses < 0) throw new ArgumentOutOfRangeException(nameof(NumClasses), NumClasses, "NumClasses must be >= 0 (0 = no final layer, pre-logits output).");
        if (InChannels < 1) throw new ArgumentOutOfRangeException(nameof(InChannels), InChannels, "InChannels must be >= 1.");
        if (!(Dropout >= 0 && Dropout < 1)) throw new ArgumentOutOfRangeException(nameof(Dropout), Dropout, "Dropout must be in [0, 1).");
    }
}
