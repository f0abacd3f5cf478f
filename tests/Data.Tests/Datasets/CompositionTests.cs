using ModelZoo.Data.Datasets.Common;
using ModelZoo.Data.Datasets.Composition;

namespace ModelZoo.Data.Tests.Datasets;

public class CompositionTests
{
    [Fact]
    public void Concat_MapsIndicesAcrossDatasets_IncludingEmptyOnes()
    {
        var a = new ScriptedDataset(3);
        var empty = new Subset<ImageSample>(a, Array.Empty<int>());
        var b = new ScriptedDataset(2);
        var concat = new ConcatDataset<ImageSample>(a, empty, b);
        Assert.Equal(5, concat.Count);
        Assert.Equal(new[] { 3, 3, 5 }, concat.CumulativeSizes);
        Assert.Equal((0, 2), concat.Locate(2));
        Assert.Equal((2, 0), concat.Locate(3));
        Assert.Equal((2, 1), concat.Locate(4));
        Assert.Equal(b[1].Image.Pixels, concat[4].Image.Pixels);
        Assert.Throws<ArgumentOutOfRangeException>(() => concat[5]);
        Assert.Equal("/data/scripted/00001.png", DatasetPaths.TryGetPath(concat, 4));
    }

    [Fact]
    public void ClassificationConcat_RequiresTheSameClasses()
    {
        var concat = new ClassificationConcat(new ScriptedDataset(2), new ScriptedDataset(3));
        Assert.Equal(5, concat.Count);
        Assert.Equal(4, concat.Classes.Count);
        var ex = Assert.Throws<ArgumentException>(() => new ClassificationConcat(new ScriptedDataset(2), new ScriptedDataset(2, classes: 3)));
        Assert.Contains("share one class list", ex.Message);
    }

    [Fact]
    public void RandomSplit_ByLengths_IsADisjointSeededCover()
    {
        var dataset = new ScriptedDataset(100);
        ClassificationSubset[] parts = RandomSplit.Split(dataset, new[] { 70, 20, 10 }, seed: 5);
        Assert.Equal(new[] { 70, 20, 10 }, parts.Select(p => p.Count));
        Assert.Equal(Enumerable.Range(0, 100), parts.SelectMany(p => p.Indices).Order());
        Assert.Equal(dataset.Classes, parts[0].Classes);
        Assert.Equal(parts[1].Indices, RandomSplit.Split(dataset, new[] { 70, 20, 10 }, seed: 5)[1].Indices);
        Assert.NotEqual(parts[1].Indices, RandomSplit.Split(dataset, new[] { 70, 20, 10 }, seed: 6)[1].Indices);
        Assert.NotEqual(Enumerable.Range(0, 70), parts[0].Indices);
        var ex = Assert.Throws<ArgumentException>(() => RandomSplit.Split(dataset, new[] { 50, 40 }, seed: 0));
        Assert.Contains("90", ex.Message);
    }

    [Fact]
    public void RandomSplit_ByFractions_FollowsPyTorchsRemainderRule()
    {
        // torch: floor(n * f) each, then the remainder one by one to the first parts.
        Assert.Equal(new[] { 4, 3, 3 }, RandomSplit.Lengths(10, new[] { 0.34, 0.33, 0.33 }));
        Assert.Equal(new[] { 8, 2 }, RandomSplit.Lengths(10, new[] { 0.8, 0.2 }));
        Assert.Equal(new[] { 2, 0, 0 }, RandomSplit.Lengths(2, new[] { 0.5, 0.25, 0.25 }));
        Subset<ImageSample>[] parts = RandomSplit.Split<ImageSample>(new ScriptedDataset(7), new[] { 0.5, 0.5 }, seed: 1);
        Assert.Equal(new[] { 4, 3 }, parts.Select(p => p.Count));
        Assert.Throws<ArgumentException>(() => RandomSplit.Lengths(10, new[] { 0.5, 0.4 }));
        Assert.Throws<ArgumentException>(() => RandomSplit.Lengths(10, new[] { 1.5, -0.5 }));
    }
}
