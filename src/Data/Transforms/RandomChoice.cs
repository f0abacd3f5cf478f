namespace ModelZoo.Data.Transforms;

/// <summary>Applies one transform picked at random, with optional relative weights (torchvision RandomChoice). All
/// transforms must have the same input and output types.</summary>
public sealed class RandomChoice : ITransform
{
    private readonly ITransform[] _transforms;
    private readonly double[] _cumulative;

    public RandomChoice(ITransform[] transforms, double[]? p = null)
    {
        _transforms = Check.Transforms(transforms, nameof(RandomChoice));
        for (int i = 1; i < _transforms.Length; i++)
            if (_transforms[i].InputType != _transforms[0].InputType || _transforms[i].OutputType != _transforms[0].OutputType)
                throw new ArgumentException(
                    $"RandomChoice needs transforms of one signature; transform 0 maps {_transforms[0].InputType.Name} to {_transforms[0].OutputType.Name}, transform {i} maps {_transforms[i].InputType.Name} to {_transforms[i].OutputType.Name}.",
                    nameof(transforms));
        p ??= Enumerable.Repeat(1.0, _transforms.Length).ToArray();
        if (p.Length != _transforms.Length)
            throw new ArgumentException($"RandomChoice has {_transforms.Length} transforms but {p.Length} weights.", nameof(p));
        if (p.Any(w => !(w >= 0) || double.IsInfinity(w)) || p.Sum() <= 0)
            throw new ArgumentException("RandomChoice weights must be non-negative and not all zero.", nameof(p));
        double total = p.Sum(), run = 0;
        Weights = p.Select(w => w / total).ToArray();
        _cumulative = Weights.Select(w => run += w).ToArray();
    }

    public IReadOnlyList<ITransform> Transforms => _transforms;

    /// <summary>Normalised probabilities of each transform.</summary>
    public IReadOnlyList<double> Weights { get; }

    public Type InputType => _transforms[0].InputType;
    public Type OutputType => _transforms[0].OutputType;

    /// <summary>The index of the transform to apply.</summary>
    public int MakeParams(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        double u = random.NextDouble();
        for (int i = 0; i < _cumulative.Length; i++)
            if (u < _cumulative[i]) return i;
        return Array.FindLastIndex(Weights.ToArray(), w => w > 0);
    }

    public object Apply(object input, Random random) => _transforms[MakeParams(random)].Apply(input, random);

    public override string ToString() => $"RandomChoice([{string.Join(", ", _transforms.Select(t => t.ToString()))}])";
}
