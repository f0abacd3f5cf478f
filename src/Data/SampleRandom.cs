namespace ModelZoo.Data;

/// <summary>
/// Deterministic per-sample random streams: the generator for a sample depends only on (seed, epoch, index),
/// so augmentation is identical whatever the number of workers or the order samples are processed in.
/// </summary>
public static class SampleRandom
{
    /// <summary>A generator seeded from (seed, epoch, index) by SplitMix64 mixing.</summary>
    public static Random For(long seed, int epoch, int index)
    {
        ulong h = Mix((ulong)seed);
        h = Mix(h ^ (ulong)(uint)epoch * 0x9E3779B97F4A7C15UL);
        h = Mix(h ^ (ulong)(uint)index * 0xC2B2AE3D27D4EB4FUL);
        return new Random((int)(h & 0x7FFFFFFF));
    }

    /// <summary>A 64-bit seed derived from (seed, stream), for e.g. the per-epoch shuffle.</summary>
    public static long Derive(long seed, long stream) => (long)(Mix(Mix((ulong)seed) ^ Mix((ulong)stream + 0x632BE59BD9B4E019UL)) >> 1);

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
