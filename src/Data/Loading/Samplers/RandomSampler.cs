namespace ModelZoo.Data.Loading.Samplers;

/// <summary>
/// A fresh random order every epoch (PyTorch's RandomSampler): a permutation of the dataset, or
/// <c>numSamples</c> indices drawn with replacement. Without replacement and with numSamples larger than the
/// dataset, whole permutations are concatenated.
/// </summary>
public sealed class RandomSampler : ISampler
{
    private readonly int _datasetCount;

    public RandomSampler(int datasetCount, bool replacement = false, int? numSamples = null)
    {
        SamplerRandom.CheckCount(datasetCount, nameof(datasetCount));
        if (numSamples is { } n) SamplerRandom.CheckCount(n, nameof(numSamples));
        _datasetCount = datasetCount;
        Replacement = replacement;
        Count = numSamples ?? datasetCount;
    }

    public bool Replacement { get; }
    public int Count { get; }

    public int[] Indices(int epoch, long seed)
    {
        Random random = SamplerRandom.For(seed, epoch);
        if (Replacement)
        {
            var drawn = new int[Count];
            for (int i = 0; i < drawn.Length; i++) drawn[i] = random.Next(_datasetCount);
            return drawn;
        }
        if (Count == _datasetCount) return SamplerRandom.Permutation(_datasetCount, random);
        var result = new int[Count];
        for (int filled = 0; filled < Count;)
        {
            int[] permutation = SamplerRandom.Permutation(_datasetCount, random);
            int take = Math.Min(permutation.Length, Count - filled);
            Array.Copy(permutation, 0, result, filled, take);
            filled += take;
        }
        return result;
    }

    public override string ToString() => $"RandomSampler({_datasetCount}, replacement={Replacement}, numSamples={Count})";
}
