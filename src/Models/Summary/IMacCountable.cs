namespace ModelZoo.Models.Summary;

/// <summary>Implemented by custom layers that know their multiply-accumulate count (e.g. a partially connected
/// convolution). <see cref="ModelSummary"/> asks it instead of applying its built-in rules.</summary>
public interface IMacCountable
{
    /// <summary>Multiply-accumulates of one call that turned <paramref name="input"/> into <paramref name="output"/>.</summary>
    long CountMacs(Tensor input, Tensor output);
}
