namespace ModelZoo.Data.Transforms;

/// <summary>Applies transforms in order; checks at construction that each output type feeds the next input.</summary>
public sealed class Compose : ITransform
{
    private readonly ITransform[] _transforms;

    public Compose(params ITransform[] transforms)
    {
        ArgumentNullException.ThrowIfNull(transforms);
        if (transforms.Length == 0) throw new ArgumentException("Compose needs at least one transform.", nameof(transforms));
        for (int i = 0; i < transforms.Length; i++)
        {
            if (transforms[i] is null) throw new ArgumentNullException(nameof(transforms), $"Transform {i} is null.");
            if (i > 0 && !transforms[i].InputType.IsAssignableFrom(transforms[i - 1].OutputType))
                throw new ArgumentException(
                    $"Transform {i} ({transforms[i]}) takes {transforms[i].InputType.Name}, but transform {i - 1} " +
                    $"({transforms[i - 1]}) produces {transforms[i - 1].OutputType.Name}.", nameof(transforms));
        }
        _transforms = transforms;
    }

    public IReadOnlyList<ITransform> Transforms => _transforms;
    public Type InputType => _transforms[0].InputType;
    public Type OutputType => _transforms[^1].OutputType;

    public object Apply(object input, Random random)
    {
        object value = input;
        foreach (ITransform t in _transforms) value = t.Apply(value, random);
        return value;
    }

    /// <summary>Typed convenience: applies and casts the result.</summary>
    public TOut Apply<TOut>(object input, Random random) => (TOut)Apply(input, random);

    public override string ToString() => "Compose(" + string.Join(", ", _transforms.Select(t => t.ToString())) + ")";
}
