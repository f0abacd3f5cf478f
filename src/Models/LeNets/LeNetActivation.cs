namespace ModelZoo.Models.LeNets;

/// <summary>The non-linearity of <see cref="LeNet5"/> (<see cref="LeNet5Options.Activation"/>).</summary>
public enum LeNetActivation
{
    /// <summary>max(0, x): the modern form (default).</summary>
    ReLU,

    /// <summary>tanh(x): the textbook form with average pooling (registered as <c>lenet5-tanh</c>).</summary>
    Tanh,

    /// <summary>1 / (1 + e^-x), as in Dive into Deep Learning's LeNet (registered as <c>lenet5-sigmoid</c>).</summary>
    Sigmoid,

    /// <summary>1.7159 · tanh(2x/3), the squashing function of LeCun et al. 1998 (what <see cref="LeNet5Classic"/> uses).</summary>
    ScaledTanh,
}
