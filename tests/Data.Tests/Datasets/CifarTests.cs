using ModelZoo.Data.Datasets.Cifar;

namespace ModelZoo.Data.Tests.Datasets;

public class CifarTests
{
    private static byte Pixel(int image, int planarByte) => (byte)((image * 37 + planarByte * 11) % 256);

    /// <summary>A CIFAR binary file written here: records of [coarse] label + 3072 planar bytes.</summary>
    private static byte[] BinaryRecords(int count, bool cifar100)
    {
        var bytes = new List<byte>();
        for (int i = 0; i < count; i++)
        {
            if (cifar100) bytes.Add((byte)((i + 2) % 20));
            bytes.Add((byte)(cifar100 ? (7 * i + 5) % 100 : (3 * i + 1) % 10));
            for (int j = 0; j < 3072; j++) bytes.Add(Pixel(i, j));
        }
        return bytes.ToArray();
    }

    private static void AssertPixels(ImageSample sample, int image)
    {
        Assert.Equal((32, 32, 3), (sample.Image.Width, sample.Image.Height, sample.Image.Channels));
        foreach ((int y, int x) in new[] { (0, 0), (0, 31), (17, 5), (31, 31) })
            for (int c = 0; c < 3; c++)
                Assert.Equal(Pixel(image, c * 1024 + y * 32 + x), sample.Image[y, x, c]);
    }

    [Fact]
    public void Cifar10Binary_ReadsTrainAndTestSplitsFromTheExtractedFolder()
    {
        using var dir = RepoPaths.NewTempDir();
        string folder = Directory.CreateDirectory(Path.Combine(dir.Path, "cifar-10-batches-bin")).FullName;
        for (int b = 1; b <= 5; b++) File.WriteAllBytes(Path.Combine(folder, $"data_batch_{b}.bin"), BinaryRecords(3, cifar100: false));
        File.WriteAllBytes(Path.Combine(folder, "test_batch.bin"), BinaryRecords(4, cifar100: false));

        CifarDataset train = CifarDataset.Load(dir.Path, CifarVariant.Cifar10, CifarSplit.Train);
        CifarDataset test = CifarDataset.Load(folder, CifarVariant.Cifar10, CifarSplit.Test, CifarFormat.Binary);
        Assert.Equal(15, train.Count);
        Assert.Equal(4, test.Count);
        Assert.Equal(CifarClassNames.Cifar10, train.Classes);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal((3 * i + 1) % 10, test[i].Label);
            AssertPixels(test[i], i);
        }
        AssertPixels(train[4], 1); // batch 2, record 1
    }

    [Fact]
    public void Cifar100Binary_ReadsFineAndCoarseLabels_AndTheMetaFileNames()
    {
        using var dir = RepoPaths.NewTempDir();
        string folder = Directory.CreateDirectory(Path.Combine(dir.Path, "cifar-100-binary")).FullName;
        File.WriteAllBytes(Path.Combine(folder, "test.bin"), BinaryRecords(5, cifar100: true));
        File.WriteAllLines(Path.Combine(folder, "coarse_label_names.txt"), Enumerable.Range(0, 20).Select(i => $"super{i}").Append(""));

        CifarDataset fine = CifarDataset.Load(dir.Path, CifarVariant.Cifar100, CifarSplit.Test);
        CifarDataset coarse = CifarDataset.Load(dir.Path, CifarVariant.Cifar100, CifarSplit.Test, labels: CifarLabelKind.Coarse);
        Assert.Equal(CifarClassNames.Cifar100Fine, fine.Classes); // no fine_label_names.txt: built-in names
        Assert.Equal("super3", coarse.Classes[3]);
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal((7 * i + 5) % 100, fine[i].Label);
            Assert.Equal((i + 2) % 20, coarse[i].Label);
            AssertPixels(fine[i], i);
        }
    }

    [Fact]
    public void Binary_BadLengthOrLabel_IsAClearError()
    {
        using var dir = RepoPaths.NewTempDir();
        string path = dir.File("test_batch.bin");
        File.WriteAllBytes(path, BinaryRecords(2, cifar100: false)[..^1]);
        var length = Assert.Throws<InvalidDataException>(() => CifarBinaryReader.Read(path, CifarVariant.Cifar10));
        Assert.Contains("3073-byte records", length.Message);
        Assert.Contains(path, length.Message);

        File.WriteAllBytes(path, BinaryRecords(2, cifar100: true)); // 3074-byte records read as CIFAR-10
        Assert.Throws<InvalidDataException>(() => CifarBinaryReader.Read(path, CifarVariant.Cifar10));
    }

    [Fact]
    public void MissingFiles_NameTheExpectedFoldersAndTheDownloader()
    {
        using var dir = RepoPaths.NewTempDir();
        var ex = Assert.Throws<FileNotFoundException>(() => CifarDataset.Load(dir.Path));
        Assert.Contains("cifar-10-batches-py", ex.Message);
        Assert.Contains("cifar-10-batches-bin", ex.Message);
        Assert.Contains("CifarDownloader.EnsureAsync", ex.Message);
    }

    [Theory]
    [InlineData("cifar10_protocol2.pkl")]
    [InlineData("cifar10_py2style.pkl")]
    [InlineData("cifar10_protocol4.pkl")]
    public void Pickle_MatchesTorchvisionLayout(string file)
    {
        CifarRecords records = CifarPickleReader.Read(RepoPaths.Fixtures("data", "cifar", file), CifarVariant.Cifar10);
        var dataset = new CifarDataset(records, CifarClassNames.Cifar10);
        byte[] expected = File.ReadAllBytes(RepoPaths.Fixtures("data", "cifar", "cifar10_expected_hwc.bin"));
        Assert.Equal(4, dataset.Count);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal((3 * i + 1) % 10, dataset[i].Label);
            Assert.Equal(expected.AsSpan(i * 3072, 3072).ToArray(), dataset[i].Image.Pixels);
        }
    }

    [Fact]
    public void Pickle_Cifar100AndMeta()
    {
        CifarRecords records = CifarPickleReader.Read(RepoPaths.Fixtures("data", "cifar", "cifar100_protocol2.pkl"), CifarVariant.Cifar100);
        Assert.Equal(new byte[] { 5, 12, 19 }, records.Labels);
        Assert.Equal(new byte[] { 2, 3, 4 }, records.CoarseLabels);
        AssertPixels(new CifarDataset(records, CifarClassNames.Cifar100Fine)[2], 2);
        Assert.Equal(CifarClassNames.Cifar10, CifarPickleReader.ReadNames(RepoPaths.Fixtures("data", "cifar", "batches.meta.pkl"), "label_names"));
    }

    [Fact]
    public void Pickle_LoadsThroughTheTorchvisionFolderLayout()
    {
        using var dir = RepoPaths.NewTempDir();
        string folder = Directory.CreateDirectory(Path.Combine(dir.Path, "cifar-10-batches-py")).FullName;
        File.Copy(RepoPaths.Fixtures("data", "cifar", "cifar10_py2style.pkl"), Path.Combine(folder, "test_batch"));
        File.Copy(RepoPaths.Fixtures("data", "cifar", "batches.meta.pkl"), Path.Combine(folder, "batches.meta"));
        CifarDataset test = CifarDataset.Load(dir.Path, split: CifarSplit.Test);
        Assert.Equal(4, test.Count);
        Assert.Equal("automobile", test.Classes[1]);
        AssertPixels(test[3], 3);
    }

    [Fact]
    public void Pickle_WithAnyOtherGlobal_IsRefusedWithoutExecutingIt()
    {
        using var dir = RepoPaths.NewTempDir();
        string marker = dir.File("pwned");
        string command = "touch " + marker;
        // protocol 2: os.system("touch ...") via GLOBAL + TUPLE1 + REDUCE.
        byte[] evil = new byte[] { 0x80, 2 }.Concat("cos\nsystem\n"u8.ToArray()).Append((byte)'X')
            .Concat(BitConverter.GetBytes(command.Length)).Concat(System.Text.Encoding.ASCII.GetBytes(command))
            .Concat(new byte[] { 0x85, (byte)'R', (byte)'.' }).ToArray();
        string path = dir.File("data_batch_1");
        File.WriteAllBytes(path, evil);
        var ex = Assert.Throws<InvalidDataException>(() => CifarPickleReader.Read(path, CifarVariant.Cifar10));
        Assert.Contains("os.system", ex.Message);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public void Pickle_TruncatedOrNotADict_IsAClearError()
    {
        using var dir = RepoPaths.NewTempDir();
        byte[] good = File.ReadAllBytes(RepoPaths.Fixtures("data", "cifar", "cifar10_protocol2.pkl"));
        string truncated = dir.File("truncated");
        File.WriteAllBytes(truncated, good[..(good.Length / 2)]);
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => CifarPickleReader.Read(truncated, CifarVariant.Cifar10)).Message);
        string list = dir.File("list");
        File.WriteAllBytes(list, new byte[] { 0x80, 2, (byte)']', (byte)'.' });
        Assert.Contains("does not hold a dict", Assert.Throws<InvalidDataException>(() => CifarPickleReader.Read(list, CifarVariant.Cifar10)).Message);
    }
}
