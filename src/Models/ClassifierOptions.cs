namespace ModelZoo.Models;

/// <summary>What every family's options record holds: the classes of the classifier head and the input channels of
/// the stem. Each family's record derives from it with its own defaults (1000 classes and 3 channels for the ImageNet
/// families, 10 classes for LeNet-5 and the CIFAR ResNets, 1 channel for LeNet-5), so <see cref="ModelOptions"/> maps
/// onto every family in one place.</summary>
public abstract record ClassifierOptions
{
    /// <summary>Sets the family's defaults.</summary>
    protected ClassifierOptions(int numClasses, int inChannels)
    {
        NumClasses = numClasses;
        InChannels = inChannels;
    }

    /// <summary>Number of classes of the classifier head; 0, where the family allows it, builds no head and the model
    /// returns its pooled features.</summary>
    public int NumClasses { get; init; }

    /// <summary>Input channels of the stem convolution (3 for RGB, 1 for grayscale).</summary>
    public int InChannels { get; init; }

    /// <summary>Checks NumClasses (at least <paramref name="minClasses"/>) and InChannels (at least 1).</summary>
    private protected void ValidateClassifier(int minClasses = 0)
    {
        if (NumClasses < minClasses)
            throw new ArgumentOutOfRangeException(nameof(NumClasses), NumClasses,
                minClasses == 0 ? "NumClasses must be >= 0 (0 = no classifier head, the model returns its features)." : $"NumClasses must be >= {minClasses}.");
        if (InChannels < 1) throw new ArgumentOutOfRangeException(nameof(InChannels), InChannels, "InChannels must be >= 1.");
    }

    /// <summary>Checks a dropout probability: in [0, 1).</summary>
    private protected static void ValidateProbability(double p, string name)
    {
        if (double.IsNaN(p) || p < 0 || p >= 1) throw new ArgumentOutOfRangeException(name, p, $"{name} must be in [0, 1).");
    }
}
