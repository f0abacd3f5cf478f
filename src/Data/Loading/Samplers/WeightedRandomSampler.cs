namespace ModelZoo.Data.Loading.Samplers;

/// <summary>
/// Draws <see cref="Count"/> indices with probability proportional to their weight (PyTorch's
/// WeightedRandomSampler; e.g. weight = 1 / class frequency to balance classes). With replacement (default) an
/// index can repeat; without, each index appears at most once (weighted sampling without replacement).
/// </summary>
public sealed class WeightedRandomSampler : ISampler
{
    private readonly double[] _weights;
    private readonly double[] _cumulative;

    public WeightedRandomSampler(IReadOnlyList<double> weights, int numSamples, bool replacement = true)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0) throw new ArgumentException("WeightedRandomSampler needs at least one weight.", nameof(weights));
        SamplerRandom.CheckCount(numSamples, nameof(numSamples));
        int bad = weights.ToList().FindIndex(w => !(w >= 0) || double.IsInfinity(w));
        if (bad >= 0)
            throw new ArgumentException($"Weights must be finite and non-negative; weight {bad} is {weights[bad]}.", nameof(weights));
        _weights = weights.ToArray();
        _cumulative = new double[_weights.Length];
        double sum = 0;
        for (int i = 0; i < _weights.Length; i++) _cumulative[i] = sum += _weights[i];
        if (sum <= 0) throw new ArgumentException("At least one weight must be positive.", nameof(weights));
        int positive = _weights.Count(w => w > 0);
        if (!replacement && numSamples > positive)
            throw new ArgumentException(
                $"Cannot draw {numSamples} samples without replacement from {positive} indices with a positive weight.", nameof(numSamples));
        Count = numSamples;
        Replacement = replacement;
    }

    public IReadOnlyList<double> Weights => _weights;
    public bool Replacement { get; }
    public int Count { get; }

    public int[] Indices(int epoch, long seed)
    {
        Random random = SamplerRandom.For(seed, epoch);
        return Replacement ? WithReplacement(random) : WithoutReplacement(random);
    }

    private int[] WithReplacement(Random random)
    {
        double total = _cumulative[^1];
        var result = new int[Count];
        for (int i = 0; i < result.Length; i++)
        {
            double u = random.NextDouble() * total;
            int k = Array.BinarySearch(_cumulative, u);
            k = k >= 0 ? k + 1 : ~k; // first cumulative strictly greater than u
            while (k < _weights.Length - 1 && _weights[k] == 0) k++;
            result[i] = Math.Min(k, _weights.Length - 1);
        }
        return result;
    }

    private int[] WithoutReplacement(Random random)
    {
        // Efraimidis–Spirakis: key = ln(u) / w; the largest keys form a weighted sample without replacement, and
        // sorting by key gives the order of sequential draws.
        var keys = new List<(double Key, int Index)>(_weights.Length);
        for (int i = 0; i < _weights.Length; i++)
        {
            if (_weights[i] <= 0) continue;
            double u = 1.0 - random.NextDouble(); // (0, 1]
            keys.Add((Math.Log(u) / _weights[i], i));
        }
        keys.Sort((a, b) => b.Key.CompareTo(a.Key));
        return keys.Take(Count).Select(k => k.Index).ToArray();
    }

    public override string ToString() => $"WeightedRandomSampler({_weights.Length} weights, numSamples={Count}, replacement={Replacement})";
}
