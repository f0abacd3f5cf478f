using ModelZoo.Data.Datasets.Synthetic;
using ModelZoo.Data.Loading;
using ModelZoo.Data.Transforms;
using static TorchSharp.torch;

namespace ModelZoo.Data.Tests.Loading;

public sealed class DataLoaderTests
{
    private static readonly SyntheticShapesDataset Data = new(100, seed: 1);
    private static ITransform Pipeline => new Compose(new ToTensor(), new Normalize(new[] { 0.5 }, new[] { 0.5 }));

    [Fact]
    public void Same_seed_gives_the_same_order_and_identical_batches()
    {
        var a = new DataLoader(Data, Pipeline, new DataLoaderOptions { BatchSize = 16, Shuffle = true, Seed = 7 });
        var b = new DataLoader(Data, Pipeline, new DataLoaderOptions { BatchSize = 16, Shuffle = true, Seed = 7 });
        Assert.Equal(a.Order(0), b.Order(0));
        using Batch ba = a.GetBatches(0).First(), bb = b.GetBatches(0).First();
        Assert.True(ba.Inputs.allclose(bb.Inputs, 0, 0));
        Assert.Equal(ba.Targets.data<long>().ToArray(), bb.Targets.data<long>().ToArray());
    }

    [Fact]
    public void Different_epoch_or_seed_reshuffles_and_every_item_appears_once()
    {
        var loader = new DataLoader(Data, Pipeline, new DataLoaderOptions { BatchSize = 16, Shuffle = true, Seed = 7 });
        var other = new DataLoader(Data, Pipeline, new DataLoaderOptions { BatchSize = 16, Shuffle = true, Seed = 8 });
        Assert.NotEqual(loader.Order(0), loader.Order(1));
        Assert.NotEqual(loader.Order(0), other.Order(0));
        Assert.Equal(Enumerable.Range(0, 100), loader.Order(3).OrderBy(i => i));
        var unshuffled = new DataLoader(Data, Pipeline, new DataLoaderOptions { BatchSize = 16 });
        Assert.Equal(Enumerable.Range(0, 100), unshuffled.Order(5));
    }

    [Theory]
    [InlineData(false, 7, 4)]
    [InlineData(true, 6, 16)]
    public void Drop_last_controls_the_final_partial_batch(bool dropLast, int batches, int lastSize)
    {
        var loader = new DataLoader(Data, Pipeline, new DataLoaderOptions { BatchSize = 16, DropLast = dropLast });
        Assert.Equal(batches, loader.BatchCount);
        var sizes = new List<int>();
        foreach (Batch b in loader.GetBatches(0)) using (b) sizes.Add(b.Size);
        Assert.Equal(batches, sizes.Count);
        Assert.Equal(lastSize, sizes[^1]);
    }

    [Fact]
    public void Batches_are_float_nchw_with_int64_targets_matching_the_dataset_labels()
    {
        var loader = new DataLoader(Data, Pipeline, new DataLoaderOptions { BatchSize = 10 });
        using Batch b = loader.GetBatches(0).First();
        Assert.Equal(new long[] { 10, 1, 28, 28 }, b.Inputs.shape);
        Assert.Equal(ScalarType.Float32, b.Inputs.dtype);
        Assert.Equal(ScalarType.Int64, b.Targets.dtype);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)Data[i].Label), b.Targets.data<long>().ToArray());
        Assert.InRange(b.Inputs.min().item<float>(), -1.0001f, -0.5f);
    }

    [Fact]
    public void Cancellation_stops_the_epoch()
    {
        using var cts = new CancellationTokenSource();
        var loader = new DataLoader(Data, Pipeline, new DataLoaderOptions { BatchSize = 10 });
        int seen = 0;
        Assert.Throws<OperationCanceledException>(() =>
        {
            foreach (Batch b in loader.GetBatches(0, cts.Token))
            {
                b.Dispose();
                if (++seen == 2) cts.Cancel();
            }
        });
        Assert.Equal(2, seen);
    }
}
