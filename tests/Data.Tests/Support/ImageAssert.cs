using ModelZoo.Data.Imaging;

namespace ModelZoo.Data.Tests.Support;

/// <summary>Pixel comparisons with a stated tolerance, reporting the worst difference.</summary>
internal static class ImageAssert
{
    /// <summary>Largest absolute difference and the count of differing samples.</summary>
    public static (int Max, int Count, double Mean) Diff(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        int max = 0, count = 0;
        long sum = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            int d = Math.Abs(expected[i] - actual[i]);
            if (d > max) max = d;
            if (d != 0) count++;
            sum += d;
        }
        return (max, count, expected.Length == 0 ? 0 : (double)sum / expected.Length);
    }

    /// <summary>Same shape; every sample within <paramref name="maxDiff"/>; at most <paramref name="maxDifferingFraction"/>
    /// of samples differ at all.</summary>
    public static void Close(ImageBuffer expected, ImageBuffer actual, int maxDiff = 0, double maxDifferingFraction = 1.0, string? what = null)
    {
        Assert.True(expected.Width == actual.Width && expected.Height == actual.Height && expected.Channels == actual.Channels,
            $"{what}: expected {expected}, got {actual}.");
        (int max, int count, double mean) = Diff(expected.Pixels, actual.Pixels);
        Assert.True(max <= maxDiff, $"{what}: max |diff| {max} > {maxDiff} ({count} of {expected.Pixels.Length} samples differ, mean {mean:F4}).");
        double fraction = (double)count / expected.Pixels.Length;
        Assert.True(fraction <= maxDifferingFraction,
            $"{what}: {count} of {expected.Pixels.Length} samples differ ({fraction:P2} > {maxDifferingFraction:P2}); max |diff| {max}.");
    }

    public static void Equal(ImageBuffer expected, ImageBuffer actual, string? what = null) => Close(expected, actual, 0, 0, what);

    /// <summary>An image from rows of samples: <c>FromRows(1, new byte[,] { { 1, 2 }, { 3, 4 } })</c> for L.</summary>
    public static ImageBuffer FromRows(int channels, byte[,] rows)
    {
        int h = rows.GetLength(0), w = rows.GetLength(1) / channels;
        var img = new ImageBuffer(w, h, channels);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < rows.GetLength(1); x++)
                img.Pixels[y * rows.GetLength(1) + x] = rows[y, x];
        return img;
    }
}
