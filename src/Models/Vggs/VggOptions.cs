namespace ModelZoo.Models.Vggs;

/// <summary>Options of <see cref="Vgg"/>; the configuration and batch norm are chosen by the builder.</summary>
public sealed record VggOptions : ClassifierOptions
{
    /// <summary>NumClasses 1000 (ImageNet), InChannels 3 (1 builds <c>features.0</c> with one input channel).</summary>
    public VggOptions() : base(numClasses: 1000, inChannels: 3) { }

    /// <summary>Probability of both classifier dropouts (<c>classifier.2</c>, <c>classifier.5</c>; default 0.5).</summary>
    public double Dropout { get; init; } = 0.5;

    /// <summary>Apply torchvision's initialisation (default true): convolutions Kaiming-normal (fan_out, ReLU) with
    /// zero bias, batch norm weight 1 and bias 0, linear layers N(0, 0.01²) with zero bias. False keeps
    /// TorchSharp's per-layer defaults (useful when weights are loaded right after).</summary>
    public bool InitWeights { get; init; } = true;

    internal void Validate()
    {
        ValidateClassifier();
        ValidateProbability(Dropout, nameof(Dropout));
    }
}
