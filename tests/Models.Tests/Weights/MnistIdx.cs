using System.Buffers.Binary;
using System.IO.Compression;

namespace ModelZoo.Models.Tests.Weights;

/// <summary>Test-only reader of the gzip-compressed MNIST IDX files in ../shared/data/mnist (the product reader
/// lives in ModelZoo.Data, which this test project does not reference).</summary>
internal static class MnistIdx
{
    private static readonly Lazy<(byte[] Pixels, byte[] Labels)> s_test = new(() =>
        (Read(RepoPaths.SharedData("mnist", "t10k-images-idx3-ubyte.gz"), 2051, [10_000, 28, 28]),
         Read(RepoPaths.SharedData("mnist", "t10k-labels-idx1-ubyte.gz"), 2049, [10_000])));

    /// <summary>The 10,000 t10k images (row-major 28×28 bytes each) and labels.</summary>
    public static (byte[] Pixels, byte[] Labels) Test => s_test.Value;

    private static byte[] Read(string path, int magic, int[] dims)
    {
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        var header = new byte[4 + 4 * dims.Length];
        gz.ReadExactly(header);
        Assert.Equal(magic, BinaryPrimitives.ReadInt32BigEndian(header));
        for (int i = 0; i < dims.Length; i++)
            Assert.Equal(dims[i], BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4 + 4 * i)));
        var data = new byte[dims.Aggregate(1, (a, b) => a * b)];
        gz.ReadExactly(data);
        return data;
    }
}
