using System.IO.Compression;
using ModelZoo.Data.Datasets.Mnist;

namespace ModelZoo.Data.Tests.Datasets;

public sealed class IdxReaderTests
{
    private static byte[] Idx(int magic, int[] dims, byte[] data)
    {
        var bytes = new List<byte> { 0, 0, (byte)(magic >> 8), (byte)magic };
        foreach (int d in dims) bytes.AddRange(new[] { (byte)(d >> 24), (byte)(d >> 16), (byte)(d >> 8), (byte)d });
        bytes.AddRange(data);
        return bytes.ToArray();
    }

    private static byte[] Gzip(byte[] raw)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest)) gz.Write(raw);
        return ms.ToArray();
    }

    [Fact]
    public void Reads_raw_and_gzip_images_with_their_dimensions()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        byte[] pixels = Enumerable.Range(0, 2 * 3 * 4).Select(i => (byte)i).ToArray();
        byte[] raw = Idx(0x0803, new[] { 2, 3, 4 }, pixels);
        File.WriteAllBytes(dir.File("raw"), raw);
        File.WriteAllBytes(dir.File("gz"), Gzip(raw));
        foreach (string name in new[] { "raw", "gz" })
        {
            IdxFile f = IdxReader.Read(dir.File(name), IdxReader.ImagesMagic);
            Assert.Equal(new[] { 2, 3, 4 }, f.Dimensions);
            Assert.Equal(pixels, f.Data);
        }
    }

    [Fact]
    public void Real_mnist_t10k_has_10000_images_of_28x28_and_known_first_labels()
    {
        IdxFile images = IdxReader.Read(RepoPaths.SharedData("mnist", "t10k-images-idx3-ubyte.gz"), IdxReader.ImagesMagic);
        IdxFile labels = IdxReader.Read(RepoPaths.SharedData("mnist", "t10k-labels-idx1-ubyte.gz"), IdxReader.LabelsMagic);
        Assert.Equal(new[] { 10_000, 28, 28 }, images.Dimensions);
        Assert.Equal(new[] { 10_000 }, labels.Dimensions);
        Assert.Equal(new byte[] { 7, 2, 1, 0, 4, 1, 4, 9, 5, 9 }, labels.Data.Take(10).ToArray());
        Assert.Equal(10_000 * 784, images.Data.Length);
    }

    [Fact]
    public void Wrong_magic_is_rejected_naming_the_file_and_the_expected_magic()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        File.WriteAllBytes(dir.File("labels"), Idx(0x0801, new[] { 3 }, new byte[] { 1, 2, 3 }));
        var ex = Assert.Throws<InvalidDataException>(() => IdxReader.Read(dir.File("labels"), IdxReader.ImagesMagic));
        Assert.Contains(dir.File("labels"), ex.Message);
        Assert.Contains("2051", ex.Message);

        File.WriteAllBytes(dir.File("text"), "PK\u0003\u0004 not idx at all"u8.ToArray());
        var ex2 = Assert.Throws<InvalidDataException>(() => IdxReader.Read(dir.File("text")));
        Assert.Contains("bad magic number", ex2.Message);
    }

    [Fact]
    public void Truncated_and_overlong_files_are_rejected_with_the_sizes()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        byte[] full = Idx(0x0803, new[] { 2, 2, 2 }, new byte[8]);
        File.WriteAllBytes(dir.File("short"), full[..^3]);
        var ex = Assert.Throws<InvalidDataException>(() => IdxReader.Read(dir.File("short")));
        Assert.Contains("truncated", ex.Message);
        Assert.Contains("8 bytes", ex.Message);

        File.WriteAllBytes(dir.File("long"), full.Concat(new byte[] { 9 }).ToArray());
        Assert.Contains("longer", Assert.Throws<InvalidDataException>(() => IdxReader.Read(dir.File("long"))).Message);

        File.WriteAllBytes(dir.File("header"), full[..6]);
        Assert.Contains("truncated while reading dimension", Assert.Throws<InvalidDataException>(() => IdxReader.Read(dir.File("header"))).Message);

        byte[] gz = Gzip(full);
        File.WriteAllBytes(dir.File("gz-cut"), gz[..(gz.Length / 2)]);
        Assert.Throws<InvalidDataException>(() => IdxReader.Read(dir.File("gz-cut")));
    }

    [Fact]
    public void Absurd_dimensions_are_refused_before_allocating()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        File.WriteAllBytes(dir.File("huge"), Idx(0x0803, new[] { 60_000, 60_000, 60_000 }, new byte[4]));
        var ex = Assert.Throws<InvalidDataException>(() => IdxReader.Read(dir.File("huge")));
        Assert.Contains("more than", ex.Message);
    }

    [Fact]
    public void Mnist_dataset_reports_missing_files_with_all_four_names_and_the_directory()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        var ex = Assert.Throws<FileNotFoundException>(() => MnistDataset.Load(dir.Path, MnistSplit.Test));
        foreach (string f in MnistFiles.AllGzipFiles) Assert.Contains(f, ex.Message);
        Assert.Contains(dir.Path, ex.Message);
    }

    [Fact]
    public void Mnist_dataset_yields_28x28_grayscale_samples_with_labels()
    {
        MnistDataset ds = MnistDataset.Load(RepoPaths.SharedData("mnist"), MnistSplit.Test);
        Assert.Equal(10_000, ds.Count);
        ImageSample s = ds[0];
        Assert.Equal((28, 28, 1), (s.Image.Width, s.Image.Height, s.Image.Channels));
        Assert.Equal(7, s.Label);
        Assert.True(s.Image.Pixels.Max() == 255 && s.Image.Pixels.Min() == 0);
    }
}
