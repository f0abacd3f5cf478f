using ModelZoo.Data.Transforms;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Data.Loading;

/// <summary>
/// Batches an image dataset: per-epoch seeded shuffle, drop_last, per-sample transform with a random stream
/// derived from (seed, epoch, index), and collation into float [N, C, H, W] inputs and int64 targets.
/// </summary>
public sealed class DataLoader
{
    private readonly IDataset<ImageSample> _dataset;
    private readonly ITransform _transform;

    /// <param name="transform">ImageBuffer → Tensor [C, H, W] (e.g. Compose(ToTensor, Normalize)).</param>
    public DataLoader(IDataset<ImageSample> dataset, ITransform transform, DataLoaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(transform);
        if (transform.InputType != typeof(Imaging.ImageBuffer) || transform.OutputType != typeof(Tensor))
            throw new ArgumentException($"The loader's transform must take an ImageBuffer and produce a Tensor; got {transform.InputType.Name} → {transform.OutputType.Name}.", nameof(transform));
        Options = options ?? new DataLoaderOptions();
        Options.Validate();
        if (dataset.Count == 0) throw new ArgumentException("The dataset is empty.", nameof(dataset));
        _dataset = dataset;
        _transform = transform;
    }

    public DataLoaderOptions Options { get; }
    public int DatasetCount => _dataset.Count;

    /// <summary>Batches per epoch.</summary>
    public int BatchCount => Options.DropLast ? _dataset.Count / Options.BatchSize : (_dataset.Count + Options.BatchSize - 1) / Options.BatchSize;

    /// <summary>The sample order of <paramref name="epoch"/>.</summary>
    public int[] Order(int epoch)
    {
        int[] order = Enumerable.Range(0, _dataset.Count).ToArray();
        if (Options.Shuffle)
        {
            var rng = new Random((int)(SampleRandom.Derive(Options.Seed, epoch) & 0x7FFFFFFF));
            for (int i = order.Length - 1; i > 0; i--)
            {
                int j = rng.Next(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
        }
        return order;
    }

    /// <summary>The batches of one epoch. Each yielded batch belongs to the caller (dispose it).</summary>
    public IEnumerable<Batch> GetBatches(int epoch, CancellationToken cancellationToken = default)
    {
        int[] order = Order(epoch);
        for (int b = 0; b < BatchCount; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int start = b * Options.BatchSize;
            int[] indices = order.AsSpan(start, Math.Min(Options.BatchSize, order.Length - start)).ToArray();
            yield return Collate(indices, epoch);
        }
    }

    private Batch Collate(int[] indices, int epoch)
    {
        using var scope = torch.NewDisposeScope();
        var inputs = new Tensor[indices.Length];
        var targets = new long[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            ImageSample sample = _dataset[indices[i]];
            inputs[i] = (Tensor)_transform.Apply(sample.Image, SampleRandom.For(Options.Seed, epoch, indices[i]));
            targets[i] = sample.Label;
        }
        Tensor x = torch.stack(inputs);
        Tensor y = torch.tensor(targets, ScalarType.Int64);
        return new Batch(x.MoveToOuterDisposeScope(), y.MoveToOuterDisposeScope(), indices);
    }
}
