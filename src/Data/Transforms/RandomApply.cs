namespace ModelZoo.Data.Transforms;

/// <summary>Applies a list of transforms in order with probability <see cref="P"/> (default 0.5), else returns the input
/// (torchvision RandomApply). The transforms must map one type to itself.</summary>
public sealed class RandomApply : ITransform
{
    private readonly ITransform[] _transforms;

    public RandomApply(ITransform[] transforms, double p = 0.5)
    {
        _transforms = Check.Transforms(transforms, nameof(RandomApply));
        InputType = Check.SameTypeEndomorphisms(_transforms, nameof(RandomApply));
        P = Check.Probability(p);
    }

    public RandomApply(ITransform transform, double p = 0.5) : this(new[] { transform }, p) { }

    public IReadOnlyList<ITransform> Transforms => _transforms;
    public double P { get; }
    public Type InputType { get; }
    public Type OutputType => InputType;

    public object Apply(object input, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!RandomDraw.Chance(random, P)) return input;
        foreach (ITransform t in _transforms) input = t.Apply(input, random);
        return input;
    }

    public override string ToString() => $"RandomApply(p={P}, [{string.Join(", ", _transforms.Select(t => t.ToString()))}])";
}
