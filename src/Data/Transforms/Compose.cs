namespace ModelZoo.Data.Transforms;

/// <summary>Applies transforms in order; checks at construction that each output type feeds the next input. A
/// <see cref="Resize"/> directly followed by a <see cref="CenterCrop"/> runs as one step that computes only the crop
/// (<see cref="Resize.ApplyThenCenterCrop"/>: the same pixels, so extreme aspect ratios such as 1×20000 cannot overflow).</summary>
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
        for (int i = 0; i < _transforms.Length; i++)
        {
            if (_transforms[i] is Resize resize && i + 1 < _transforms.Length && _transforms[i + 1] is CenterCrop crop
                && value is Imaging.ImageBuffer image)
            {
                value = resize.ApplyThenCenterCrop(image, crop.Height, crop.Width);
                i++;
                continue;
            }
            value = _transforms[i].Apply(value, random);
        }
        return value;
    }

    /// <summary>Typed convenience: applies and casts the result.</summary>
    public TOut Apply<TOut>(object input, Random random) => (TOut)Apply(input, random);

    public override string ToString() => "Compose(" + string.Join(", ", _transforms.Select(t => t.ToString())) + ")";
}
