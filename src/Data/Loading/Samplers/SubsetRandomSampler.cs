namespace ModelZoo.Data.Loading.Samplers;

/// <summary>The given dataset indices in a fresh random order every epoch (PyTorch's SubsetRandomSampler).</summary>
public sealed class SubsetRandomSampler : ISampler
{
    private readonly int[] _indices;

    public SubsetRandomSampler(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        if (indices.Count == 0) throw new ArgumentException("SubsetRandomSampler needs at least one index.", nameof(indices));
        int bad = indices.ToList().FindIndex(i => i < 0);
        if (bad >= 0) throw new ArgumentOutOfRangeException(nameof(indices), $"Index {indices[bad]} at position {bad} is negative.");
        _indices = indices.ToArray();
    }

    public IReadOnlyList<int> Subset => _indices;
    public int Count => _indices.Length;

    public int[] Indices(int epoch, long seed)
    {
        int[] permutation = SamplerRandom.Permutation(_indices.Length, SamplerRandom.For(seed, epoch));
        var result = new int[permutation.Length];
        for (int i = 0; i < result.Length; i++) result[i] = _indices[permutation[i]];
        return result;
    }

    public override string ToString() => $"SubsetRandomSampler({_indices.Length} indices)";
}
