using ModelZoo.Data.Datasets.Synthetic;
using ModelZoo.Data.Loading;
using ModelZoo.Data.Transforms;

namespace ModelZoo.Data.Tests.Loading;

public class DataLoaderDeterminismTests
{
    private static readonly SyntheticShapesDataset s_shapes = new(150, seed: 3);

    /// <summary>Every batch of an epoch as bytes: inputs, targets and indices.</summary>
    private static List<byte[]> Epoch(DataLoader loader, int epoch)
    {
        var batches = new List<byte[]>();
        foreach (Batch batch in loader.GetBatches(epoch))
        {
            using (batch)
            {
                batches.Add(batch.Inputs.bytes.ToArray()
                    .Concat(batch.Targets.bytes.ToArray())
                    .Concat(batch.Indices.SelectMany(BitConverter.GetBytes)).ToArray());
            }
        }
        return batches;
    }

    [Theory]
    [InlineData(ImageTensorFormat.Float32, false)]
    [InlineData(ImageTensorFormat.UInt8, false)]
    [InlineData(ImageTensorFormat.Float32, true)]
    public void SameSeed_GivesByteIdenticalBatches_WhateverTheNumberOfWorkers(ImageTensorFormat format, bool tensorTransforms)
    {
        ITransform transform = tensorTransforms
            ? new Compose(new JitterTransform(), new ToTensor(), new Normalize(new[] { 0.5 }, new[] { 0.25 }))
            : new JitterTransform();
        List<byte[]>? reference = null;
        foreach (int workers in new[] { 0, 1, 2, 4 })
        {
            var options = new DataLoaderOptions { BatchSize = 16, Shuffle = true, Seed = 42, Workers = workers, ImageFormat = format };
            List<byte[]> batches = Epoch(new DataLoader(s_shapes, transform, options), epoch: 3);
            Assert.Equal(10, batches.Count);
            if (reference is null)
            {
                reference = batches;
                continue;
            }
            for (int b = 0; b < batches.Count; b++)
                Assert.True(reference[b].AsSpan().SequenceEqual(batches[b]), $"batch {b} differs with {workers} workers");
        }
    }

    [Fact]
    public void DifferentEpoch_GivesADifferentShuffleAndAugmentation_SameEpochRepeats()
    {
        var options = new DataLoaderOptions { BatchSize = 150, Shuffle = true, Seed = 7, Workers = 2 };
        var loader = new DataLoader(s_shapes, new JitterTransform(), options);
        int[] epoch0 = loader.Order(0), epoch1 = loader.Order(1);
        Assert.Equal(Enumerable.Range(0, 150), epoch0.Order());
        Assert.Equal(Enumerable.Range(0, 150), epoch1.Order());
        Assert.NotEqual(epoch0, epoch1);
        Assert.Equal(epoch0, new DataLoader(s_shapes, new JitterTransform(), options).Order(0));
        Assert.NotEqual(epoch0, new DataLoader(s_shapes, new JitterTransform(), options with { Seed = 8 }).Order(0));

        // Same index, different epoch: a different augmentation (the jitter draws from (seed, epoch, index)).
        List<byte[]> a = Epoch(loader, 0), b = Epoch(loader, 1), again = Epoch(loader, 0);
        Assert.Equal(a[0], again[0]);
        Assert.NotEqual(a[0], b[0]);
    }

    [Fact]
    public void Unshuffled_OrderIsSequentialEveryEpoch()
    {
        var loader = new DataLoader(s_shapes, null, new DataLoaderOptions { BatchSize = 10 });
        Assert.Equal(Enumerable.Range(0, 150), loader.Order(0));
        Assert.Equal(Enumerable.Range(0, 150), loader.Order(5));
    }
}
