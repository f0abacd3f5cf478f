namespace ModelZoo.Models.AlexNets;

/// <summary>Options of torchvision's <see cref="AlexNet"/> variant.</summary>
public sealed record AlexNetOptions : ClassifierOptions
{
    /// <summary>NumClasses 1000 (ImageNet), InChannels 3 (1 builds <c>features.0</c> with one input channel).</summary>
    public AlexNetOptions() : base(numClasses: 1000, inChannels: 3) { }

    /// <summary>Probability of both classifier dropouts (<c>classifier.0</c>, <c>classifier.3</c>; default 0.5).</summary>
    public double Dropout { get; init; } = 0.5;

    internal void Validate()
    {
        ValidateClassifier();
        ValidateProbability(Dropout, nameof(Dropout));
    }
}
