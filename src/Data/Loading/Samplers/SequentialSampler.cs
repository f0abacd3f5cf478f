namespace ModelZoo.Data.Loading.Samplers;

/// <summary>0, 1, …, Count − 1 every epoch.</summary>
public sealed class SequentialSampler : ISampler
{
    public SequentialSampler(int count)
    {
        SamplerRandom.CheckCount(count, nameof(count));
        Count = count;
    }

    public int Count { get; }

    public int[] Indices(int epoch, long seed) => Enumerable.Range(0, Count).ToArray();

    public override string ToString() => $"SequentialSampler({Count})";
}
