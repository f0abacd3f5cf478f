using ModelZoo.Data.Datasets.Tensors;
using ModelZoo.Data.Loading;
using ModelZoo.Data.Loading.Samplers;
using ModelZoo.Data.Transforms;
using ModelZoo.Data.Transforms.Batching;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Data.Tests.Loading;

public class DataLoaderBatchingTests
{
    [Theory]
    [InlineData(false, 0, 11, 3)]
    [InlineData(true, 0, 10, 10)]
    [InlineData(false, 2, 11, 3)]
    [InlineData(true, 2, 10, 10)]
    public void DropLast_SetsBatchCountAndLastBatchSize(bool dropLast, int workers, int expectedBatches, int lastSize)
    {
        var dataset = new ScriptedDataset(103);
        var loader = new DataLoader(dataset, null, new DataLoaderOptions { BatchSize = 10, DropLast = dropLast, Workers = workers });
        Assert.Equal(expectedBatches, loader.BatchCount);
        var sizes = new List<int>();
        var seen = new List<int>();
        foreach (Batch batch in loader.GetBatches(0))
        {
            using (batch)
            {
                sizes.Add(batch.Size);
                seen.AddRange(batch.Indices);
                Assert.Equal(new long[] { batch.Size, 3, 8, 8 }, batch.Inputs.shape);
                Assert.Equal(ScalarType.Int64, batch.Targets.dtype);
                Assert.Equal(batch.Indices.Select(i => (long)(i % 4)), batch.Targets.data<long>().ToArray());
            }
        }
        Assert.Equal(expectedBatches, sizes.Count);
        Assert.Equal(lastSize, sizes[^1]);
        Assert.Equal(Enumerable.Range(0, expectedBatches * 10 - (10 - lastSize)), seen);
    }

    [Fact]
    public void Collate_ProducesPlanarFloatOrUInt8ExactlyFromThePixels()
    {
        var dataset = new ScriptedDataset(5);
        ImageSample sample = dataset[3];
        using Batch floats = new DataLoader(dataset, null, new DataLoaderOptions { BatchSize = 5 }).GetBatches(0).Single();
        using Batch bytes = new DataLoader(dataset, null, new DataLoaderOptions { BatchSize = 5, ImageFormat = ImageTensorFormat.UInt8 }).GetBatches(0).Single();
        Assert.Equal(ScalarType.Float32, floats.Inputs.dtype);
        Assert.Equal(ScalarType.Byte, bytes.Inputs.dtype);
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < 8; y++)
                for (int x = 0; x < 8; x++)
                {
                    Assert.Equal(sample.Image[y, x, c], bytes.Inputs[3, c, y, x].item<byte>());
                    Assert.Equal(sample.Image[y, x, c] / 255f, floats.Inputs[3, c, y, x].item<float>());
                }
        // The same as the per-sample ToTensor path, bit for bit.
        using Batch viaToTensor = new DataLoader(dataset, new ToTensor(), new DataLoaderOptions { BatchSize = 5 }).GetBatches(0).Single();
        Assert.True(viaToTensor.Inputs.bytes.SequenceEqual(floats.Inputs.bytes));
    }

    [Fact]
    public void DeviceNormalizer_MatchesToTensorThenNormalize()
    {
        var dataset = new ScriptedDataset(6);
        double[] mean = { 0.485, 0.456, 0.406 }, std = { 0.229, 0.224, 0.225 };
        using Batch raw = new DataLoader(dataset, null, new DataLoaderOptions { BatchSize = 6, ImageFormat = ImageTensorFormat.UInt8 }).GetBatches(0).Single();
        using Batch expected = new DataLoader(dataset, new Compose(new ToTensor(), new Normalize(mean, std)), new DataLoaderOptions { BatchSize = 6 }).GetBatches(0).Single();
        using Tensor normalized = DeviceNormalizer.Normalize(raw.Inputs, mean, std);
        Assert.True(normalized.allclose(expected.Inputs, rtol: 1e-5, atol: 1e-6));
        Assert.Equal(ScalarType.Byte, raw.Inputs.dtype); // input untouched
    }

    [Fact]
    public void FusedNormalization_EqualsToTensorThenNormalize_BitForBit()
    {
        var dataset = new ScriptedDataset(12);
        using Batch expected = new DataLoader(dataset, new Compose(new JitterTransform(), new ToTensor(), Normalize.ImageNet()),
            new DataLoaderOptions { BatchSize = 12 }).GetBatches(0).Single();
        using Batch fused = new DataLoader(dataset, new JitterTransform(),
            new DataLoaderOptions { BatchSize = 12, Workers = 2, Normalization = ImageNormalization.ImageNet }).GetBatches(0).Single();
        Assert.True(expected.Inputs.bytes.SequenceEqual(fused.Inputs.bytes));
        Assert.Throws<ArgumentException>(() => new DataLoader(dataset, null,
            new DataLoaderOptions { Normalization = ImageNormalization.ImageNet, ImageFormat = ImageTensorFormat.UInt8 }));
        var tensors = new DataLoader(dataset, new ToTensor(), new DataLoaderOptions { Normalization = ImageNormalization.ImageNet });
        Assert.Contains("add Normalize to the transform", Assert.Throws<InvalidOperationException>(() => tensors.GetBatches(0).ToList()).Message);
    }

    [Fact]
    public void Collate_ImagesOfDifferentSizes_FailsNamingBothSamples()
    {
        var dataset = new ListDataset(new ImageSample(new ModelZoo.Data.Imaging.ImageBuffer(4, 4, 3), 0), new ImageSample(new ModelZoo.Data.Imaging.ImageBuffer(5, 4, 3), 1));
        var loader = new DataLoader(dataset, null, new DataLoaderOptions { BatchSize = 2 });
        var ex = Assert.Throws<InvalidOperationException>(() => loader.GetBatches(0).ToList());
        Assert.Contains("sample 0 is 4x4x3", ex.Message);
        Assert.Contains("sample 1 is 5x4x3", ex.Message);
    }

    [Fact]
    public void TensorDataset_BatchesAreSlicesOfTheStoredTensor()
    {
        using Tensor inputs = torch.arange(0, 20 * 3 * 2 * 2, ScalarType.Float32).reshape(20, 3, 2, 2);
        using Tensor targets = torch.arange(0, 20, ScalarType.Int64) % 3;
        using var dataset = new TensorDataset(inputs, targets);
        var loader = new DataLoader(dataset, options: new DataLoaderOptions { BatchSize = 6, Workers = 2 });
        int start = 0;
        foreach (Batch batch in loader.GetBatches(0))
        {
            using (batch)
            using (Tensor expected = inputs[TensorIndex.Slice(start, start + batch.Size)])
            {
                Assert.True(batch.Inputs.allclose(expected, rtol: 0, atol: 0));
                Assert.Equal(Enumerable.Range(start, batch.Size).Select(i => (long)(i % 3)), batch.Targets.data<long>().ToArray());
                start += batch.Size;
            }
        }
        Assert.Equal(20, start);
    }

    [Fact]
    public void TensorDataset_RejectsMismatchedTargets()
    {
        using Tensor inputs = torch.zeros(4, 2);
        using Tensor targets = torch.zeros(3, ScalarType.Int64);
        using Tensor floatTargets = torch.zeros(4);
        Assert.Contains("[N] with N = 4", Assert.Throws<ArgumentException>(() => new TensorDataset(inputs, targets)).Message);
        Assert.Contains("integer", Assert.Throws<ArgumentException>(() => new TensorDataset(inputs, floatTargets)).Message);
    }

    [Fact]
    public void Options_AreValidated()
    {
        var dataset = new ScriptedDataset(4);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DataLoader(dataset, null, new DataLoaderOptions { BatchSize = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DataLoader(dataset, null, new DataLoaderOptions { Workers = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DataLoader(dataset, null, new DataLoaderOptions { PrefetchFactor = 0 }));
        var both = Assert.Throws<ArgumentException>(() => new DataLoader(dataset, null, new DataLoaderOptions { Shuffle = true, Sampler = new SequentialSampler(4) }));
        Assert.Contains("mutually exclusive", both.Message);
        var wrongTransform = Assert.Throws<ArgumentException>(() => new DataLoader(dataset, new Normalize(new[] { 0.5 }, new[] { 0.5 })));
        Assert.Contains("ImageBuffer", wrongTransform.Message);
    }

    [Fact]
    public void Sampler_ProducingAnIndexOutsideTheDataset_IsAClearError()
    {
        var loader = new DataLoader(new ScriptedDataset(4), null, new DataLoaderOptions { Sampler = new SubsetRandomSampler(new[] { 1, 9 }) });
        Assert.Contains("index 9, outside the dataset (0..3)", Assert.Throws<InvalidOperationException>(() => loader.Order(0)).Message);
    }

    [Fact]
    public void BatchTransform_RunsOnEveryBatchWithAStreamThatDependsOnTheBatch()
    {
        var draws = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        Batch Hook(Batch batch, Random random)
        {
            draws[batch.Indices[0]] = random.Next();
            Tensor doubled = batch.Inputs * 2;
            return new Batch(doubled, batch.Targets, batch.Indices); // the old Inputs is disposed by the loader
        }
        var dataset = new ScriptedDataset(12);
        using Batch plain = new DataLoader(dataset, null, new DataLoaderOptions { BatchSize = 12 }).GetBatches(0).Single();
        var loader = new DataLoader(dataset, null, new DataLoaderOptions { BatchSize = 4, Workers = 2, BatchTransform = Hook });
        List<Batch> batches = loader.GetBatches(0).ToList();
        using Tensor all = torch.cat(batches.Select(b => b.Inputs).ToArray());
        using Tensor expected = plain.Inputs * 2;
        Assert.True(all.allclose(expected));
        batches.ForEach(b => b.Dispose());
        Assert.Equal(3, draws.Count);
        Assert.Equal(3, draws.Values.Distinct().Count());
    }

    [Fact]
    public void MixUpThroughTheHook_GivesSoftTargets_IdenticalWithAndWithoutWorkers()
    {
        var dataset = new ScriptedDataset(24);
        var outputs = new List<(float[] X, float[] Y)>();
        foreach (int workers in new[] { 0, 2 })
        {
            var loader = new DataLoader(dataset, null, new DataLoaderOptions
            {
                BatchSize = 8, Shuffle = true, Seed = 4, Workers = workers, BatchTransform = BatchHooks.From(new MixUp(numClasses: 4)),
            });
            var xs = new List<float>();
            var ys = new List<float>();
            foreach (Batch batch in loader.GetBatches(1))
            {
                using (batch)
                {
                    Assert.Equal(new long[] { 8, 4 }, batch.Targets.shape);
                    using Tensor rowSums = batch.Targets.sum(1), ones = torch.ones(8);
                    Assert.True(rowSums.allclose(ones, rtol: 0, atol: 1e-6));
                    xs.AddRange(batch.Inputs.data<float>().ToArray());
                    ys.AddRange(batch.Targets.data<float>().ToArray());
                }
            }
            outputs.Add((xs.ToArray(), ys.ToArray()));
        }
        Assert.Equal(outputs[0].X, outputs[1].X);
        Assert.Equal(outputs[0].Y, outputs[1].Y);
    }

    private sealed class ListDataset : IDataset<ImageSample>
    {
        private readonly ImageSample[] _items;
        public ListDataset(params ImageSample[] items) => _items = items;
        public int Count => _items.Length;
        public ImageSample this[int index] => _items[index];
    }
}
