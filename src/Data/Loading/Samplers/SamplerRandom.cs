namespace ModelZoo.Data.Loading.Samplers;

/// <summary>The per-epoch random stream of a sampler: a generator seeded from (seed, epoch).</summary>
internal static class SamplerRandom
{
    public static Random For(long seed, int epoch) => new((int)(SampleRandom.Derive(seed, epoch) & 0x7FFFFFFF));

    /// <summary>Fisher–Yates shuffle of 0..count-1.</summary>
    public static int[] Permutation(int count, Random random)
    {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) order[i] = i;
        for (int i = count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    public static void CheckCount(int count, string name)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(name, count, $"{name} must be >= 1.");
    }
}
