using System.Text.Json;
using ModelZoo.Data.Datasets.Common;
using ModelZoo.Data.Datasets.ImageFolders;
using ModelZoo.Data.Imaging;
using ModelZoo.Data.Loading;

namespace ModelZoo.Data.Tests.Datasets;

public class ImageFolderTests
{
    private static readonly JsonElement s_oracle =
        JsonDocument.Parse(File.ReadAllText(RepoPaths.Fixtures("data", "imagefolder", "imagefolder_order.json"))).RootElement;

    private static string Hymenoptera(string split) => RepoPaths.SharedData("imagefolder", "hymenoptera-mini", split);

    private static (string Path, int Label)[] Expected(JsonElement listing) =>
        listing.GetProperty("samples").EnumerateArray().Select(s => (s[0].GetString()!, s[1].GetInt32())).ToArray();

    [Theory]
    [InlineData("train", 10)]
    [InlineData("val", 5)]
    public void Hymenoptera_HasTwoSortedClasses_AndTorchvisionsSampleOrder(string split, int perClass)
    {
        var folder = new ImageFolder(Hymenoptera(split));
        Assert.Equal(new[] { "ants", "bees" }, folder.Classes);
        Assert.Equal(0, folder.ClassToIndex["ants"]);
        Assert.Equal(1, folder.ClassToIndex["bees"]);
        Assert.Equal(2 * perClass, folder.Count);
        Assert.Equal(perClass, folder.Targets.Count(t => t == 0));
        (string Path, int Label)[] expected = Expected(s_oracle.GetProperty("hymenoptera").GetProperty(split));
        Assert.Equal(expected, folder.Samples.Select(s => (Path.GetRelativePath(folder.Root, s.Path), s.Label)));
    }

    [Fact]
    public void Hymenoptera_EveryImageDecodesToItsStoredSize()
    {
        foreach (string split in new[] { "train", "val" })
        {
            var folder = new ImageFolder(Hymenoptera(split));
            for (int i = 0; i < folder.Count; i++)
            {
                ImageSample sample = folder[i];
                (int w, int h) = JpegSize.Read(folder.SamplePath(i));
                Assert.Equal((w, h, 3), (sample.Image.Width, sample.Image.Height, sample.Image.Channels));
                Assert.Equal(folder.Samples[i].Label, sample.Label);
            }
        }
    }

    [Fact]
    public void TrickyTree_MatchesTorchvisionClassesAndOrder()
    {
        JsonElement tricky = s_oracle.GetProperty("tricky");
        using var dir = RepoPaths.NewTempDir();
        foreach (JsonElement file in tricky.GetProperty("files").EnumerateArray())
        {
            string path = Path.Combine(dir.Path, file.GetString()!);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, Array.Empty<byte>());
        }
        var folder = new ImageFolder(dir.Path);
        Assert.Equal(tricky.GetProperty("classes").EnumerateArray().Select(c => c.GetString()), folder.Classes);
        Assert.Equal(Expected(tricky), folder.Samples.Select(s => (Path.GetRelativePath(dir.Path, s.Path).Replace('\\', '/'), s.Label)));
    }

    [Fact]
    public void EmptyOrMissingFolders_GiveClearErrors()
    {
        using var dir = RepoPaths.NewTempDir();
        Assert.Throws<DirectoryNotFoundException>(() => new ImageFolder(Path.Combine(dir.Path, "nope")));
        Assert.Contains("Couldn't find any class folder", Assert.Throws<FileNotFoundException>(() => new ImageFolder(dir.Path)).Message);
        Directory.CreateDirectory(Path.Combine(dir.Path, "cats"));
        Directory.CreateDirectory(Path.Combine(dir.Path, "dogs"));
        File.WriteAllText(Path.Combine(dir.Path, "dogs", "readme.txt"), "not an image");
        File.WriteAllBytes(Path.Combine(dir.Path, "cats", "a.png"), Array.Empty<byte>());
        var ex = Assert.Throws<FileNotFoundException>(() => new ImageFolder(dir.Path));
        Assert.Contains("dogs", ex.Message);
        Assert.Contains(".jpg", ex.Message);
        Assert.Equal(1, new ImageFolder(dir.Path, new ImageFolderOptions { AllowEmpty = true }).Count);
    }

    [Fact]
    public void IsValidFileAndExtensions_SelectTheFiles()
    {
        using var dir = RepoPaths.NewTempDir();
        foreach (string f in new[] { "c/a.png", "c/b.txt", "c/keep_me.jpg" })
        {
            Directory.CreateDirectory(Path.Combine(dir.Path, "c"));
            File.WriteAllBytes(Path.Combine(dir.Path, f), Array.Empty<byte>());
        }
        Assert.Equal(new[] { "a.png", "keep_me.jpg" }, new ImageFolder(dir.Path).Samples.Select(s => Path.GetFileName(s.Path)));
        Assert.Equal(new[] { "b.txt" }, new ImageFolder(dir.Path, new ImageFolderOptions { Extensions = new[] { ".TXT" } }).Samples.Select(s => Path.GetFileName(s.Path)));
        Assert.Equal(new[] { "keep_me.jpg" }, new ImageFolder(dir.Path, new ImageFolderOptions { IsValidFile = p => p.Contains("keep") }).Samples.Select(s => Path.GetFileName(s.Path)));
        Assert.Throws<ArgumentException>(() => new ImageFolder(dir.Path, new ImageFolderOptions { IsValidFile = _ => true, Extensions = new[] { ".png" } }));
    }

    [Fact]
    public void CustomLoader_IsUsed()
    {
        var folder = new ImageFolder(Hymenoptera("val"), new ImageFolderOptions { Loader = _ => new ImageBuffer(2, 3, 1) });
        Assert.Equal((2, 3, 1), (folder[9].Image.Width, folder[9].Image.Height, folder[9].Image.Channels));
    }

    [Fact]
    public void UnreadableFiles_ThrowNamingThePath_OrAreSkippedAndCounted()
    {
        using var dir = RepoPaths.NewTempDir();
        string good = Directory.CreateDirectory(Path.Combine(dir.Path, "ants")).FullName;
        string[] sources = Directory.GetFiles(Path.Combine(Hymenoptera("val"), "ants")).Order().Take(2).ToArray();
        foreach (string s in sources) File.Copy(s, Path.Combine(good, Path.GetFileName(s)));
        byte[] jpeg = File.ReadAllBytes(sources[0]);
        File.WriteAllBytes(Path.Combine(good, "truncated.jpg"), jpeg[..(jpeg.Length / 3)]);
        File.WriteAllBytes(Path.Combine(good, "empty.jpg"), Array.Empty<byte>());
        File.WriteAllText(Path.Combine(good, "text.png"), "this is not a png");
        var folder = new ImageFolder(dir.Path);
        Assert.Equal(5, folder.Count);

        foreach (string bad in new[] { "truncated.jpg", "empty.jpg", "text.png" })
        {
            int index = folder.Samples.ToList().FindIndex(s => s.Path.EndsWith(bad));
            var ex = Assert.Throws<SampleLoadException>(() => folder[index]);
            Assert.Contains(Path.Combine(good, bad), ex.Message);
        }
        var strict = new DataLoader(folder, new JitterTransform(), new DataLoaderOptions { BatchSize = 5, Workers = 2 });
        Assert.Contains(good, Assert.Throws<SampleLoadException>(() => strict.GetBatches(0).ToList()).Message);

        var lenient = new DataLoader(folder, new Cropper(), new DataLoaderOptions { BatchSize = 5, Workers = 2, OnError = SampleErrorPolicy.Skip });
        List<Batch> batches = lenient.GetBatches(0).ToList();
        Assert.Equal(2, batches.Single().Size);
        batches.ForEach(b => b.Dispose());
        Assert.Equal(3, lenient.SkippedCount);
        Assert.Equal(new[] { "empty.jpg", "text.png", "truncated.jpg" }, lenient.Skipped.Select(s => Path.GetFileName(s.Path!)).Order());
    }

    /// <summary>Top-left 16×16 crop so images of different sizes can be collated.</summary>
    private sealed class Cropper : ModelZoo.Data.Transforms.Transform<ImageBuffer, ImageBuffer>
    {
        public override ImageBuffer Apply(ImageBuffer input, Random random)
        {
            var output = new ImageBuffer(16, 16, input.Channels);
            for (int y = 0; y < 16; y++)
                Buffer.BlockCopy(input.Pixels, y * input.Width * input.Channels, output.Pixels, y * 16 * input.Channels, 16 * input.Channels);
            return output;
        }
    }
}
