using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace ModelZoo.Data.Loading;

/// <summary>
/// Runs batch construction on worker threads and yields the batches in order. Worker w builds batches w, w + W,
/// w + 2W, … into its own bounded channel (capacity = prefetch factor), and the consumer reads batch b from
/// channel b mod W, so output order never depends on timing and at most W × (prefetch + 1) batches exist at once.
/// When the enumeration ends early (break, exception, cancellation) the workers are stopped and joined and every
/// batch they built but nobody consumed is disposed.
/// </summary>
internal static class ParallelBatchReader
{
    private readonly record struct Slot(Batch? Batch, ExceptionDispatchInfo? Error);

    public static IEnumerable<Batch> Read(int batchCount, Func<int, CancellationToken, Batch?> build, int workers,
        int prefetchFactor, CancellationToken cancellationToken)
    {
        workers = Math.Max(1, Math.Min(workers, batchCount));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channels = new Channel<Slot>[workers];
        var threads = new Thread[workers];
        for (int w = 0; w < workers; w++)
        {
            channels[w] = Channel.CreateBounded<Slot>(new BoundedChannelOptions(prefetchFactor)
            {
                SingleReader = true,
                SingleWriter = true,
                FullMode = BoundedChannelFullMode.Wait,
            });
        }
        try
        {
            for (int w = 0; w < workers; w++)
            {
                int first = w;
                ChannelWriter<Slot> writer = channels[w].Writer;
                threads[w] = new Thread(() => Work(first, workers, batchCount, build, writer, stop.Token))
                {
                    IsBackground = true,
                    Name = $"DataLoader worker {w}",
                };
                threads[w].Start();
            }
            for (int b = 0; b < batchCount; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Slot slot = Take(channels[b % workers].Reader, stop.Token, cancellationToken);
                slot.Error?.Throw();
                if (slot.Batch is { } batch) yield return batch;
            }
        }
        finally
        {
            stop.Cancel();
            foreach (Thread? thread in threads) thread?.Join();
            foreach (Channel<Slot> channel in channels)
            {
                while (channel.Reader.TryRead(out Slot left)) left.Batch?.Dispose();
            }
        }
    }

    private static void Work(int first, int stride, int batchCount, Func<int, CancellationToken, Batch?> build,
        ChannelWriter<Slot> writer, CancellationToken token)
    {
        try
        {
            for (int b = first; b < batchCount && !token.IsCancellationRequested; b += stride)
            {
                Slot slot;
                try
                {
                    slot = new Slot(build(b, token), null);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    slot = new Slot(null, ExceptionDispatchInfo.Capture(ex));
                }
                if (!Put(writer, slot, token))
                {
                    slot.Batch?.Dispose();
                    return;
                }
                if (slot.Error is not null) return;
            }
        }
        finally
        {
            writer.TryComplete();
        }
    }

    private static bool Put(ChannelWriter<Slot> writer, Slot slot, CancellationToken token)
    {
        if (writer.TryWrite(slot)) return true;
        try
        {
            writer.WriteAsync(slot, token).AsTask().GetAwaiter().GetResult();
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static Slot Take(ChannelReader<Slot> reader, CancellationToken token, CancellationToken callerToken)
    {
        if (reader.TryRead(out Slot slot)) return slot;
        try
        {
            return reader.ReadAsync(token).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            callerToken.ThrowIfCancellationRequested(); // report the caller's token
            throw;
        }
        catch (ChannelClosedException)
        {
            callerToken.ThrowIfCancellationRequested();
            throw new InvalidOperationException("A data loader worker stopped without delivering its batch.");
        }
    }
}
