namespace ModelZoo.Models.LeNets;

/// <summary>The <see cref="LeNetActivation"/> functions.</summary>
public static class LeNetActivations
{
    /// <summary><paramref name="activation"/> applied to <paramref name="x"/> (a new tensor; the input is not disposed).</summary>
    public static Tensor Apply(LeNetActivation activation, Tensor x) => activation switch
    {
        LeNetActivation.ReLU => nn.functional.relu(x),
        LeNetActivation.Tanh => x.tanh(),
        LeNetActivation.Sigmoid => x.sigmoid(),
        LeNetActivation.ScaledTanh => ScaledTanh(x),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown LeNet activation."),
    };

    /// <summary>A of the paper's squashing function A · tanh(S · x).</summary>
    public const double TanhAmplitude = 1.7159;

    /// <summary>S of the paper's squashing function A · tanh(S · x).</summary>
    public const double TanhSlope = 2.0 / 3.0;

    /// <summary>1.7159 · tanh(2x/3), the paper's squashing function: f(±1) = ±1, maximal second derivative at ±1.</summary>
    public static Tensor ScaledTanh(Tensor x)
    {
        using Tensor scaled = x * TanhSlope;
        using Tensor t = scaled.tanh();
        return t * TanhAmplitude;
    }
}
