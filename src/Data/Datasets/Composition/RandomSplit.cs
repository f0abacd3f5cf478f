namespace ModelZoo.Data.Datasets.Composition;

/// <summary>
/// Seeded random split of a dataset into non-overlapping subsets (PyTorch's random_split): by lengths that sum to
/// the dataset size, or by fractions that sum to 1 (each part gets floor(n × fraction) items and the remainder is
/// dealt one by one to the parts in order). The same seed always gives the same split.
/// </summary>
public static class RandomSplit
{
    private const long SplitStream = 0x73706C6974L;

    /// <summary>The part sizes for <paramref name="fractions"/> of <paramref name="count"/> items.</summary>
    public static int[] Lengths(int count, IReadOnlyList<double> fractions)
    {
        ArgumentNullException.ThrowIfNull(fractions);
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "Count must be >= 0.");
        if (fractions.Count == 0) throw new ArgumentException("Give at least one fraction.", nameof(fractions));
        int bad = fractions.ToList().FindIndex(f => !(f >= 0 && f <= 1));
        if (bad >= 0) throw new ArgumentException($"Fraction {bad} is {fractions[bad]}; every fraction must be in [0, 1].", nameof(fractions));
        double sum = fractions.Sum();
        if (Math.Abs(sum - 1) > 1e-6)
            throw new ArgumentException($"Fractions must sum to 1; [{string.Join(", ", fractions)}] sums to {sum}.", nameof(fractions));
        int[] lengths = fractions.Select(f => (int)Math.Floor(count * f)).ToArray();
        int remainder = count - lengths.Sum();
        for (int i = 0; i < remainder; i++) lengths[i % lengths.Length]++;
        return lengths;
    }

    /// <summary>The index lists of the parts: a seeded permutation of 0..count-1 cut into <paramref name="lengths"/>.</summary>
    public static int[][] Indices(int count, IReadOnlyList<int> lengths, long seed)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        if (lengths.Count == 0) throw new ArgumentException("Give at least one length.", nameof(lengths));
        int bad = lengths.ToList().FindIndex(l => l < 0);
        if (bad >= 0) throw new ArgumentException($"Length {bad} is {lengths[bad]}; lengths must be >= 0.", nameof(lengths));
        long total = lengths.Sum(l => (long)l);
        if (total != count)
            throw new ArgumentException($"Sum of the lengths [{string.Join(", ", lengths)}] is {total}, but the dataset has {count} items.", nameof(lengths));
        var random = new Random((int)(SampleRandom.Derive(seed, SplitStream) & 0x7FFFFFFF));
        int[] permutation = new int[count];
        for (int i = 0; i < count; i++) permutation[i] = i;
        for (int i = count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (permutation[i], permutation[j]) = (permutation[j], permutation[i]);
        }
        var parts = new int[lengths.Count][];
        for (int p = 0, offset = 0; p < parts.Length; offset += lengths[p], p++)
            parts[p] = permutation.AsSpan(offset, lengths[p]).ToArray();
        return parts;
    }

    public static Subset<T>[] Split<T>(IDataset<T> dataset, IReadOnlyList<int> lengths, long seed)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return Indices(dataset.Count, lengths, seed).Select(ix => new Subset<T>(dataset, ix)).ToArray();
    }

    public static Subset<T>[] Split<T>(IDataset<T> dataset, IReadOnlyList<double> fractions, long seed)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return Split(dataset, Lengths(dataset.Count, fractions), seed);
    }

    /// <summary>Classification split: the parts keep the class names.</summary>
    public static ClassificationSubset[] Split(IClassificationDataset dataset, IReadOnlyList<int> lengths, long seed)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return Indices(dataset.Count, lengths, seed).Select(ix => new ClassificationSubset(dataset, ix)).ToArray();
    }

    public static ClassificationSubset[] Split(IClassificationDataset dataset, IReadOnlyList<double> fractions, long seed)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return Split(dataset, Lengths(dataset.Count, fractions), seed);
    }
}
