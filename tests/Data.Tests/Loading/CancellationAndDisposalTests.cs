using System.Diagnostics;
using ModelZoo.Data.Imaging;
using ModelZoo.Data.Loading;
using ModelZoo.Data.Transforms;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Data.Tests.Loading;

public class CancellationAndDisposalTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Cancellation_StopsPromptly_AndDisposesPrefetchedBatches(int workers)
    {
        var tracker = new TensorTracker();
        var dataset = new ScriptedDataset(400, delayMs: 10);
        var loader = new DataLoader(dataset, null, new DataLoaderOptions
        {
            BatchSize = 4, Workers = workers, BatchTransform = (b, _) => { tracker.Track(b.Inputs); tracker.Track(b.Targets); return b; },
        });
        using var cts = new CancellationTokenSource();
        var stopwatch = new Stopwatch();
        var consumed = new List<Batch>();
        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (Batch batch in loader.GetBatches(0, cts.Token))
            {
                consumed.Add(batch);
                if (consumed.Count == 2)
                {
                    Thread.Sleep(100); // let the workers fill their queues
                    cts.Cancel();
                    stopwatch.Start();
                }
            }
        });
        stopwatch.Stop();
        Assert.True(stopwatch.ElapsedMilliseconds < 1000, $"cancellation took {stopwatch.ElapsedMilliseconds} ms");
        int readsAfterCancel = dataset.Reads;
        Thread.Sleep(100);
        Assert.Equal(readsAfterCancel, dataset.Reads); // the workers are gone
        Assert.True(dataset.Reads < 100, $"{dataset.Reads} reads: the epoch was not stopped");
        consumed.ForEach(b => b.Dispose());
        Assert.True(tracker.Count >= 4);
        Assert.Equal(0, tracker.Live);
    }

    [Fact]
    public void CancelledBeforeStart_ThrowsWithoutReading()
    {
        var dataset = new ScriptedDataset(40);
        var loader = new DataLoader(dataset, null, new DataLoaderOptions { BatchSize = 4, Workers = 2 });
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => loader.GetBatches(0, cts.Token).ToList());
        Assert.True(dataset.Reads <= 2 * 4, $"{dataset.Reads} reads after a cancelled start");
    }

    [Fact]
    public void AbandonedEnumeration_StopsWorkers_AndDisposesEveryBatchNobodyTook()
    {
        var tracker = new TensorTracker();
        var dataset = new ScriptedDataset(1000);
        var loader = new DataLoader(dataset, null, new DataLoaderOptions
        {
            BatchSize = 10, Workers = 2, PrefetchFactor = 2, BatchTransform = (b, _) => { tracker.Track(b.Inputs); return b; },
        });
        foreach (Batch batch in loader.GetBatches(0))
        {
            Thread.Sleep(200); // workers fill their bounded queues, then must wait
            // Bounded prefetch: at most Workers × (PrefetchFactor + 1) batches beyond this one were read.
            Assert.True(dataset.Reads <= (1 + 2 * 3) * 10, $"{dataset.Reads} samples read while the consumer held one batch");
            batch.Dispose();
            break;
        }
        Assert.True(tracker.Count > 1);
        Assert.Equal(0, tracker.Live);
    }

    [Fact]
    public void TensorsCreatedByTransformsOnWorkers_AreAllDisposed()
    {
        var tracker = new TensorTracker();
        var loader = new DataLoader(new ScriptedDataset(64), new LeakyTransform(tracker), new DataLoaderOptions { BatchSize = 8, Workers = 2 });
        foreach (Batch batch in loader.GetBatches(0)) batch.Dispose();
        Assert.Equal(64 * 3, tracker.Count);
        Assert.Equal(0, tracker.Live);
    }

    [Fact]
    public void InlineLoading_LeavesNoLiveTensorsOnTheCallingThread()
    {
        DisposeScopeManager.Statistics.Reset();
        var transform = new Compose(new JitterTransform(), new ToTensor(), Normalize.ImageNet());
        var loader = new DataLoader(new ScriptedDataset(40), transform, new DataLoaderOptions { BatchSize = 8 });
        for (int epoch = 0; epoch < 2; epoch++)
            foreach (Batch batch in loader.GetBatches(epoch)) batch.Dispose();
        Assert.Equal(0, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    /// <summary>Creates intermediates and never disposes them: the loader's per-sample scopes must.</summary>
    private sealed class LeakyTransform : Transform<ImageBuffer, Tensor>
    {
        private readonly TensorTracker _tracker;
        public LeakyTransform(TensorTracker tracker) => _tracker = tracker;

        public override Tensor Apply(ImageBuffer input, Random random)
        {
            Tensor a = _tracker.Track(ToTensor.ToFloatTensor(input));
            Tensor b = _tracker.Track(a * 2);
            return _tracker.Track(b + random.NextSingle());
        }
    }
}
