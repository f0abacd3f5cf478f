using ModelZoo.Data.Datasets.Common;
using ModelZoo.Data.Datasets.Manifest;
using ModelZoo.Data.Imaging;

namespace ModelZoo.Data.Tests.Datasets;

public class ManifestDatasetTests
{
    private static readonly ManifestOptions s_fake = new() { Loader = path => new ImageBuffer(1, 1, 1, new[] { (byte)path.Length }) };

    [Fact]
    public void Csv_WithHeader_ResolvesRelativePathsAgainstTheManifestFolder()
    {
        using var dir = RepoPaths.NewTempDir();
        string manifest = dir.File("train.csv");
        File.WriteAllText(manifest, "path,label\nimages/a.jpg,1\n/abs/b.jpg,0\n\n# comment\n\"images/with, comma.jpg\",2\n");
        ManifestDataset dataset = ManifestDataset.Load(manifest, s_fake);
        Assert.Equal(3, dataset.Count);
        Assert.Equal(Path.Combine(dir.Path, "images", "a.jpg"), dataset.SamplePath(0));
        Assert.Equal(Path.GetFullPath("/abs/b.jpg"), dataset.SamplePath(1));
        Assert.Equal(Path.Combine(dir.Path, "images", "with, comma.jpg"), dataset.SamplePath(2));
        Assert.Equal(new[] { 1, 0, 2 }, dataset.Samples.Select(s => s.Label));
        Assert.Equal(new[] { "0", "1", "2" }, dataset.Classes);
        Assert.Equal(1, dataset[0].Label);
    }

    [Fact]
    public void Tsv_WithoutHeader_AndTextLabels_MapsSortedClassNames()
    {
        using var dir = RepoPaths.NewTempDir();
        string manifest = dir.File("list.tsv");
        File.WriteAllText(manifest, "x/1.png\tzebra\nx/2.png\tant\nx/3.png\tzebra\n");
        ManifestDataset dataset = ManifestDataset.Load(manifest, s_fake);
        Assert.Equal(new[] { "ant", "zebra" }, dataset.Classes);
        Assert.Equal(new[] { 1, 0, 1 }, dataset.Samples.Select(s => s.Label));
        Assert.Equal(Path.Combine(dir.Path, "x", "1.png"), dataset.SamplePath(0));
    }

    [Fact]
    public void HeaderIsDetected_FromAFirstLineWhoseLabelIsNotANumber_AndColumnsByName()
    {
        using var dir = RepoPaths.NewTempDir();
        string manifest = dir.File("m.csv");
        File.WriteAllText(manifest, "id,target,filename\n7,3,a.png\n8,1,b.png\n");
        ManifestDataset dataset = ManifestDataset.Load(manifest, s_fake);
        Assert.Equal(new[] { 3, 1 }, dataset.Samples.Select(s => s.Label));
        Assert.Equal(Path.Combine(dir.Path, "b.png"), dataset.SamplePath(1));

        string unnamed = dir.File("n.csv");
        File.WriteAllText(unnamed, "file name,the class\na.png,0\nb.png,1\n");
        Assert.Equal(2, ManifestDataset.Load(unnamed, s_fake).Count);
        // Header forced off: the first line is a sample of class "the class".
        ManifestDataset forced = ManifestDataset.Load(unnamed, s_fake with { HasHeader = false, Classes = new[] { "the class", "x" } });
        Assert.Equal(3, forced.Count);
        Assert.Equal(new[] { 0, 0, 1 }, forced.Samples.Select(s => s.Label));

    }

    [Fact]
    public void ExplicitClasses_AcceptNamesOrIndices_AndRejectUnknownLabelsWithTheLine()
    {
        using var dir = RepoPaths.NewTempDir();
        string manifest = dir.File("m.csv");
        File.WriteAllText(manifest, "a.png,cat\nb.png,1\nc.png,dog\n");
        var options = s_fake with { Classes = new[] { "cat", "dog" } };
        Assert.Equal(new[] { 0, 1, 1 }, ManifestDataset.Load(manifest, options).Samples.Select(s => s.Label));
        File.WriteAllText(manifest, "a.png,cat\nb.png,horse\n");
        var ex = Assert.Throws<InvalidDataException>(() => ManifestDataset.Load(manifest, options));
        Assert.Contains("line 2", ex.Message);
        Assert.Contains("horse", ex.Message);
    }

    [Fact]
    public void MalformedManifests_NameTheFileAndLine()
    {
        using var dir = RepoPaths.NewTempDir();
        string manifest = dir.File("m.csv");
        File.WriteAllText(manifest, "path,label\na.png,1\nb.png\n");
        var ex = Assert.Throws<InvalidDataException>(() => ManifestDataset.Load(manifest, s_fake));
        Assert.Contains("line 3", ex.Message);
        Assert.Contains(manifest, ex.Message);
        File.WriteAllText(manifest, "");
        Assert.Throws<InvalidDataException>(() => ManifestDataset.Load(manifest, s_fake));
        Assert.Throws<FileNotFoundException>(() => ManifestDataset.Load(dir.File("missing.csv")));
    }

    [Fact]
    public void RealImages_LoadThroughTheManifest_AndMissingFilesNameThePath()
    {
        using var dir = RepoPaths.NewTempDir();
        string val = RepoPaths.SharedData("imagefolder", "hymenoptera-mini", "val");
        string manifest = dir.File("val.csv");
        File.WriteAllText(manifest, $"path,label\n{Path.Combine(val, "bees", "abeja.jpg")},bees\nmissing.jpg,ants\n");
        ManifestDataset dataset = ManifestDataset.Load(manifest);
        (int w, int h) = JpegSize.Read(Path.Combine(val, "bees", "abeja.jpg"));
        Assert.Equal((w, h), (dataset[0].Image.Width, dataset[0].Image.Height));
        Assert.Equal(1, dataset[0].Label);
        var ex = Assert.Throws<SampleLoadException>(() => dataset[1]);
        Assert.Equal(Path.Combine(dir.Path, "missing.jpg"), ex.Path);
        Assert.Contains("missing.jpg", ex.Message);
    }
}
