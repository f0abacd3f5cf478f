using ModelZoo.Data.Datasets.Common;
using ModelZoo.Data.Datasets.Tensors;
using ModelZoo.Data.Imaging;
using ModelZoo.Data.Loading.Samplers;
using ModelZoo.Data.Transforms;
using static TorchSharp.torch;

namespace ModelZoo.Data.Loading;

/// <summary>
/// Batches a dataset: a sampler (sequential, per-epoch seeded shuffle, weighted, subset) picks the indices, each
/// sample is loaded and transformed with a random stream derived from (seed, epoch, index), and samples are
/// collated into [N, C, H, W] inputs and int64 [N] targets, on the calling thread or on
/// <see cref="DataLoaderOptions.Workers"/> worker threads with a bounded prefetch queue. Batches are identical
/// whatever the number of workers. Every yielded <see cref="Batch"/> belongs to the caller (dispose it); batches
/// prepared but not consumed when an enumeration stops early are disposed by the loader once the enumerator is
/// disposed (foreach does it). With workers, the dataset indexer and the transforms run on several threads at once
/// and must be thread-safe (the built-in ones are).
/// </summary>
public sealed class DataLoader : IBatchSource
{
    private readonly int _count;
    private readonly BatchBuilder _builder;
    private readonly ISampler _sampler;
    private readonly object _skippedLock = new();
    private readonly List<SkippedSample> _skipped = new();
    private long _skippedCount;

    /// <param name="dataset">Images with labels.</param>
    /// <param name="transform">ImageBuffer → Tensor [C, H, W] (e.g. Compose(..., ToTensor, Normalize)), or
    /// ImageBuffer → ImageBuffer (collated as <see cref="DataLoaderOptions.ImageFormat"/>), or null (the images as they are).</param>
    public DataLoader(IDataset<ImageSample> dataset, ITransform? transform, DataLoaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (transform is not null && (!transform.InputType.IsAssignableFrom(typeof(ImageBuffer)) ||
            (transform.OutputType != typeof(Tensor) && transform.OutputType != typeof(ImageBuffer))))
            throw new ArgumentException(
                $"The loader's transform must take an ImageBuffer and produce a Tensor or an ImageBuffer; got {transform.InputType.Name} → {transform.OutputType.Name}.",
                nameof(transform));
        (_count, Options, _sampler) = Setup(dataset.Count, options);
        _builder = new BatchBuilder(LoadImage(dataset, transform), PathResolver(dataset), Options, RecordSkip);
    }

    /// <param name="dataset">Tensors with labels (e.g. <see cref="Datasets.TensorDataset"/>).</param>
    /// <param name="transform">Tensor → Tensor applied per sample, or null.</param>
    public DataLoader(IDataset<TensorSample> dataset, ITransform? transform = null, DataLoaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (transform is not null && (!transform.InputType.IsAssignableFrom(typeof(Tensor)) || transform.OutputType != typeof(Tensor)))
            throw new ArgumentException(
                $"The loader's transform for a tensor dataset must map Tensor → Tensor; got {transform.InputType.Name} → {transform.OutputType.Name}.",
                nameof(transform));
        (_count, Options, _sampler) = Setup(dataset.Count, options);
        _builder = new BatchBuilder(LoadTensor(dataset, transform), PathResolver(dataset), Options, RecordSkip);
    }

    public DataLoaderOptions Options { get; }
    public int DatasetCount => _count;

    /// <summary>The sampler in use (from the options, or the one implied by <see cref="DataLoaderOptions.Shuffle"/>).</summary>
    public ISampler Sampler => _sampler;

    /// <summary>Batches per epoch (before any skipped samples).</summary>
    public int BatchCount => Options.DropLast ? _sampler.Count / Options.BatchSize : (_sampler.Count + Options.BatchSize - 1) / Options.BatchSize;

    /// <summary>Samples left out so far under <see cref="SampleErrorPolicy.Skip"/> (all epochs).</summary>
    public long SkippedCount => Interlocked.Read(ref _skippedCount);

    /// <summary>The samples left out so far, with their file and the reason.</summary>
    public IReadOnlyList<SkippedSample> Skipped
    {
        get
        {
            lock (_skippedLock) return _skipped.ToArray();
        }
    }

    /// <summary>The sample order of <paramref name="epoch"/>.</summary>
    public int[] Order(int epoch)
    {
        int[] order = _sampler.Indices(epoch, Options.Seed);
        int bad = Array.FindIndex(order, i => (uint)i >= (uint)_count);
        if (bad >= 0)
            throw new InvalidOperationException($"The sampler {_sampler} produced index {order[bad]}, outside the dataset (0..{_count - 1}).");
        return order;
    }

    /// <summary>The batches of one epoch, in order. Each yielded batch belongs to the caller (dispose it).
    /// Throws <see cref="OperationCanceledException"/> promptly when <paramref name="cancellationToken"/> fires, and
    /// a <see cref="SampleLoadException"/> for an unreadable sample under <see cref="SampleErrorPolicy.Throw"/>.</summary>
    public IEnumerable<Batch> GetBatches(int epoch, CancellationToken cancellationToken = default)
    {
        int[] order = Order(epoch);
        int batchSize = Options.BatchSize;
        Batch? Build(int b, CancellationToken token)
        {
            int start = b * batchSize;
            int[] indices = order.AsSpan(start, Math.Min(batchSize, order.Length - start)).ToArray();
            return _builder.Build(indices, epoch, b, token);
        }
        return Options.Workers == 0
            ? Inline(BatchCount, Build, cancellationToken)
            : ParallelBatchReader.Read(BatchCount, Build, Options.Workers, Options.PrefetchFactor, cancellationToken);
    }

    private static IEnumerable<Batch> Inline(int batchCount, Func<int, CancellationToken, Batch?> build, CancellationToken cancellationToken)
    {
        for (int b = 0; b < batchCount; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (build(b, cancellationToken) is { } batch) yield return batch;
        }
    }

    private static (int Count, DataLoaderOptions Options, ISampler Sampler) Setup(int count, DataLoaderOptions? options)
    {
        options ??= new DataLoaderOptions();
        options.Validate();
        if (count == 0) throw new ArgumentException("The dataset is empty.", "dataset");
        ISampler sampler = options.Sampler ?? (options.Shuffle ? new RandomSampler(count) : new SequentialSampler(count));
        return (count, options, sampler);
    }

    private static Func<int, Random, LoadedSample> LoadImage(IDataset<ImageSample> dataset, ITransform? transform) => (index, random) =>
    {
        ImageSample sample = dataset[index];
        object output = transform is null ? sample.Image : transform.Apply(sample.Image, random);
        return output switch
        {
            Tensor t => new LoadedSample(null, t, sample.Label),
            ImageBuffer image => new LoadedSample(image, null, sample.Label),
            _ => throw new InvalidOperationException($"The transform returned {output?.GetType().Name ?? "null"}; expected a Tensor or an ImageBuffer."),
        };
    };

    private static Func<int, Random, LoadedSample> LoadTensor(IDataset<TensorSample> dataset, ITransform? transform) => (index, random) =>
    {
        TensorSample sample = dataset[index];
        Tensor output = transform is null ? sample.Input : (Tensor)transform.Apply(sample.Input, random);
        return new LoadedSample(null, output, sample.Label);
    };

    private static Func<int, string?> PathResolver(object dataset) => index => DatasetPaths.TryGetPath(dataset, index);

    private void RecordSkip(SkippedSample skipped)
    {
        Interlocked.Increment(ref _skippedCount);
        lock (_skippedLock) _skipped.Add(skipped);
    }
}
