namespace ModelZoo.Data.Transforms;

/// <summary>Applies all transforms in a random order (torchvision RandomOrder); they must map one type to itself.</summary>
public sealed class RandomOrder : ITransform
{
    private readonly ITransform[] _transforms;

    public RandomOrder(params ITransform[] transforms)
    {
        _transforms = Check.Transforms(transforms, nameof(RandomOrder));
        InputType = Check.SameTypeEndomorphisms(_transforms, nameof(RandomOrder));
    }

    public IReadOnlyList<ITransform> Transforms => _transforms;
    public Type InputType { get; }
    public Type OutputType => InputType;

    /// <summary>The order in which the transforms run.</summary>
    public int[] MakeParams(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return RandomDraw.Permutation(random, _transforms.Length);
    }

    public object Apply(object input, Random random)
    {
        foreach (int i in MakeParams(random)) input = _transforms[i].Apply(input, random);
        return input;
    }

    public override string ToString() => $"RandomOrder([{string.Join(", ", _transforms.Select(t => t.ToString()))}])";
}
