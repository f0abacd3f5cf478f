namespace ModelZoo.Models.AlexNets;

/// <summary>Options of <see cref="AlexNetOriginal"/> (Krizhevsky, Sutskever and Hinton, 2012).</summary>
public sealed record AlexNetOriginalOptions : ClassifierOptions
{
    /// <summary>NumClasses 1000 (ImageNet), InChannels 3.</summary>
    public AlexNetOriginalOptions() : base(numClasses: 1000, inChannels: 3) { }

    /// <summary>Probability of the dropouts before fc6 and fc7 (the paper's 0.5).</summary>
    public double Dropout { get; init; } = 0.5;

    /// <summary>Input height and width. 227 (default): conv1 without padding, (227 − 11)/4 + 1 = 55 as in the
    /// paper's figure and Caffe's reference model. 224 (the size the paper states): conv1 pads by 2, which also
    /// gives 55×55 maps. Either way the last pooled map is 6×6×256 = 9,216 features.</summary>
    public int InputSize { get; init; } = 227;

    /// <summary>True (default): conv2, conv4 and conv5 are split into two groups, as the paper's two GPUs only
    /// connected kernels to the maps on the same GPU (60,965,224 parameters). False: one column, every kernel
    /// sees every input map (62,378,344 parameters).</summary>
    public bool TwoGroups { get; init; } = true;

    internal void Validate()
    {
        ValidateClassifier();
        ValidateProbability(Dropout, nameof(Dropout));
        if (InputSize is not (224 or 227))
            throw new ArgumentOutOfRangeException(nameof(InputSize), InputSize, "AlexNetOriginal takes 227x227 input (no conv1 padding) or 224x224 (conv1 padding 2).");
    }
}
