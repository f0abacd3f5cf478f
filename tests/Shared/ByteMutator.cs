using System.Buffers.Binary;

namespace ModelZoo.Tests;

/// <summary>Seeded mutations of a file's bytes, the kinds a damaged download, a bad disk or a hostile author produce (used by the fuzz tests of the weights readers and the image decoder):
/// bit flips, random or extreme bytes and length fields, truncation, insertion, deletion and copied ranges.</summary>
internal static class ByteMutator
{
    private static readonly ulong[] s_extremes =
        { 0, 1, 0x7F, 0x80, 0xFF, 0x7FFF, 0xFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, long.MaxValue, 0x8000000000000000, ulong.MaxValue };

    /// <summary>One mutation of <paramref name="original"/>; <paramref name="focus"/> (a [start, end) range) keeps the
    /// change inside it when given. <c>InPlace</c> is true when no byte moved (so "which entry did it touch" is exact);
    /// <c>Changed</c> lists the offsets whose value changed in that case.</summary>
    public static (byte[] Bytes, string What, bool InPlace, IReadOnlyList<int> Changed) Mutate(byte[] original, Random random, (int Start, int End)? focus = null)
    {
        int lo = focus?.Start ?? 0, hi = focus?.End ?? original.Length;
        int At() => random.Next(lo, Math.Max(lo + 1, hi));
        byte[] bytes = (byte[])original.Clone();
        int kind = random.Next(focus is null ? 8 : 4);
        switch (kind)
        {
            case 0:
            {
                int i = At();
                int bit = random.Next(8);
                bytes[i] ^= (byte)(1 << bit);
                return (bytes, $"flip bit {bit} of byte {i}", true, Diff(original, bytes));
            }
            case 1:
            {
                int i = At(), n = Math.Min(random.Next(1, 9), bytes.Length - i);
                random.NextBytes(bytes.AsSpan(i, n));
                return (bytes, $"{n} random bytes at {i}", true, Diff(original, bytes));
            }
            case 2:
            {
                int i = At();
                bytes[i] = random.Next(2) == 0 ? (byte)0 : (byte)0xFF;
                return (bytes, $"byte {i} = 0x{bytes[i]:X2}", true, Diff(original, bytes));
            }
            case 3:
            {
                int width = random.Next(2) == 0 ? 4 : 8;
                int i = Math.Min(At(), bytes.Length - width);
                if (i < 0) goto case 0;
                ulong value = s_extremes[random.Next(s_extremes.Length)];
                if (width == 4) BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i), (uint)value);
                else BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i), value);
                return (bytes, $"{width}-byte field at {i} = 0x{value:X}", true, Diff(original, bytes));
            }
            case 4:
            {
                int n = random.Next(original.Length);
                return (original[..n], $"truncated to {n} bytes", false, []);
            }
            case 5:
            {
                int i = random.Next(original.Length + 1);
                var extra = new byte[random.Next(1, 64)];
                random.NextBytes(extra);
                return ([.. original.AsSpan(0, i), .. extra, .. original.AsSpan(i)], $"{extra.Length} bytes inserted at {i}", false, []);
            }
            case 6:
            {
                int i = random.Next(original.Length), n = Math.Min(random.Next(1, 256), original.Length - i);
                return ([.. original.AsSpan(0, i), .. original.AsSpan(i + n)], $"{n} bytes deleted at {i}", false, []);
            }
            default:
            {
                int n = random.Next(1, Math.Min(512, original.Length));
                int from = random.Next(original.Length - n), to = random.Next(original.Length - n);
                original.AsSpan(from, n).CopyTo(bytes.AsSpan(to));
                return (bytes, $"{n} bytes copied from {from} to {to}", true, Diff(original, bytes));
            }
        }
    }

    private static int[] Diff(byte[] a, byte[] b) => Enumerable.Range(0, a.Length).Where(i => a[i] != b[i]).ToArray();
}
