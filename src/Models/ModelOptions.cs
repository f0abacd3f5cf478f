namespace ModelZoo.Models;

/// <summary>Options common to every architecture; null means "the family's default".
/// Family-specific options live in each family's own options record.</summary>
public sealed record ModelOptions
{
    /// <summary>Number of classes of the classifier (ImageNet's 1000 for torchvision families, 10 for LeNet).</summary>
    public int? NumClasses { get; init; }

    /// <summary>Input channels: 3 for RGB, 1 for grayscale (replaces the stem convolution).</summary>
    public int? InChannels { get; init; }

    /// <summary>Dropout probability of the classifier, where the family has one.</summary>
    public double? Dropout { get; init; }

    /// <summary>Input size for families with a fixed input (LeNet: 28 or 32).</summary>
    public int? InputSize { get; init; }

    /// <summary>Seed for the weight initialisation; null draws from torch's global generator. A seed is scoped to the
    /// build: the global generator is restored afterwards, so building never moves the caller's random stream.</summary>
    public long? Seed { get; init; }

    /// <summary>A family's <paramref name="defaults"/> with the NumClasses and InChannels set here; unset ones keep the
    /// family's default.</summary>
    internal T ApplyTo<T>(T defaults) where T : ClassifierOptions =>
        (T)(defaults with { NumClasses = NumClasses ?? defaults.NumClasses, InChannels = InChannels ?? defaults.InChannels });
}
