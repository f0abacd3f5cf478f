namespace ModelZoo.Models.LeNets;

/// <summary>Options of <see cref="LeNet5"/> and <see cref="LeNet5Classic"/>.</summary>
public sealed record LeNet5Options : ClassifierOptions
{
    /// <summary>NumClasses 10, InChannels 1 (grayscale).</summary>
    public LeNet5Options() : base(numClasses: 10, inChannels: 1) { }

    /// <summary>Input height and width: 32 (the paper's, fc1 400→120) or 28 (raw MNIST, fc1 256→120).
    /// <see cref="LeNet5Classic"/> supports 32 only.</summary>
    public int InputSize { get; init; } = 32;

    /// <summary>Sub-sampling of <see cref="LeNet5"/> (max by default).</summary>
    public LeNetPooling Pooling { get; init; } = LeNetPooling.Max;

    /// <summary>Non-linearity after every convolution and hidden linear layer. Null (default) means the model's own:
    /// ReLU for <see cref="LeNet5"/>, the paper's scaled tanh for <see cref="LeNet5Classic"/> (which accepts no other).</summary>
    public LeNetActivation? Activation { get; init; }

    internal void Validate(bool classic)
    {
        ValidateClassifier(minClasses: 1);
        if (classic ? InputSize != 32 : InputSize is not (28 or 32))
            throw new ArgumentOutOfRangeException(nameof(InputSize), InputSize,
                classic ? "LeNet5Classic takes 32x32 input only." : "LeNet5 takes InputSize 28 or 32.");
        if (classic && Activation is { } a && a != LeNetActivation.ScaledTanh)
            throw new ArgumentException($"LeNet5Classic uses the paper's scaled tanh; Activation {a} is for LeNet5 (leave it unset).", nameof(Activation));
    }
}
