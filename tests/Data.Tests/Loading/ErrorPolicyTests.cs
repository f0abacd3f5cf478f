using ModelZoo.Data.Datasets.Common;
using ModelZoo.Data.Loading;

namespace ModelZoo.Data.Tests.Loading;

public class ErrorPolicyTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Throw_NamesTheFile_AfterDeliveringTheBatchesBeforeIt(int workers)
    {
        var loader = new DataLoader(new ScriptedDataset(40, failing: new[] { 13 }), null, new DataLoaderOptions { BatchSize = 4, Workers = workers });
        var delivered = new List<int>();
        var ex = Assert.Throws<SampleLoadException>(() =>
        {
            foreach (Batch batch in loader.GetBatches(0))
                using (batch) delivered.AddRange(batch.Indices);
        });
        Assert.Equal(13, ex.Index);
        Assert.Equal("/data/scripted/00013.png", ex.Path);
        Assert.Contains("/data/scripted/00013.png", ex.Message);
        Assert.Equal(Enumerable.Range(0, 12), delivered);
    }

    [Fact]
    public void Throw_ThroughASubset_StillNamesTheUnderlyingFile()
    {
        var subset = new Subset<ImageSample>(new ScriptedDataset(40, failing: new[] { 30 }), new[] { 1, 30, 2 });
        var loader = new DataLoader(subset, null, new DataLoaderOptions { BatchSize = 3 });
        var ex = Assert.Throws<SampleLoadException>(() => loader.GetBatches(0).ToList());
        Assert.Contains("/data/scripted/00030.png", ex.Message);
    }

    [Fact]
    public void Skip_LeavesSamplesOut_CountsThem_AndIsTheSameWithWorkers()
    {
        int[] failing = { 1, 8, 9, 10, 11, 38 };
        string? reference = null;
        foreach (int workers in new[] { 0, 1, 3 })
        {
            var loader = new DataLoader(new ScriptedDataset(40, failing), null,
                new DataLoaderOptions { BatchSize = 4, Workers = workers, OnError = SampleErrorPolicy.Skip });
            var sizes = new List<int>();
            var indices = new List<int>();
            foreach (Batch batch in loader.GetBatches(0))
            {
                using (batch)
                {
                    sizes.Add(batch.Size);
                    indices.AddRange(batch.Indices);
                    Assert.Equal(batch.Size, batch.Inputs.shape[0]);
                }
            }
            Assert.Equal(new[] { 3, 4, 4, 4, 4, 4, 4, 4, 3 }, sizes); // batch 2 (8..11) vanished entirely
            Assert.Equal(Enumerable.Range(0, 40).Except(failing), indices);
            Assert.Equal(6, loader.SkippedCount);
            Assert.Equal(failing, loader.Skipped.Select(s => s.Index).Order());
            Assert.All(loader.Skipped, s => Assert.Equal($"/data/scripted/{s.Index:D5}.png", s.Path));
            string signature = string.Join(",", indices);
            reference ??= signature;
            Assert.Equal(reference, signature);
        }
    }
}
