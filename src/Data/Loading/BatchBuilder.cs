using ModelZoo.Data.Datasets.Common;
using ModelZoo.Data.Imaging;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Data.Loading;

/// <summary>
/// Builds one batch: loads and transforms each sample inside its own dispose scope (so every intermediate tensor
/// a worker creates is freed), applies the error policy, collates, and runs the optional batch transform. The
/// returned batch's tensors belong to no dispose scope: the consumer owns them.
/// </summary>
internal sealed class BatchBuilder
{
    /// <summary>Stream index of the batch-transform random generators (kept apart from per-sample streams).</summary>
    private const long BatchTransformStream = 0x6261746368L;

    private readonly Func<int, Random, LoadedSample> _load;
    private readonly Func<int, string?> _pathOf;
    private readonly DataLoaderOptions _options;
    private readonly Action<SkippedSample> _onSkip;

    public BatchBuilder(Func<int, Random, LoadedSample> load, Func<int, string?> pathOf, DataLoaderOptions options, Action<SkippedSample> onSkip)
    {
        _load = load;
        _pathOf = pathOf;
        _options = options;
        _onSkip = onSkip;
    }

    /// <summary>The batch of <paramref name="indices"/>, or null when every sample was skipped.</summary>
    public Batch? Build(int[] indices, int epoch, int batchIndex, CancellationToken cancellationToken)
    {
        Batch batch;
        using (torch.NewDisposeScope())
        {
            var images = new List<ImageBuffer>(indices.Length);
            var tensors = new List<Tensor>(indices.Length);
            var labels = new List<long>(indices.Length);
            var kept = new List<int>(indices.Length);
            foreach (int index in indices)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!TryLoad(index, epoch, out LoadedSample sample)) continue;
                if (sample.Image is { } image) images.Add(image);
                else tensors.Add(sample.Tensor!);
                if (images.Count > 0 && tensors.Count > 0)
                    throw new InvalidOperationException(
                        $"The transform returned an image for some samples and a tensor for others (sample {index}); it must always return the same type.");
                labels.Add(sample.Label);
                kept.Add(index);
            }
            if (kept.Count == 0) return null;
            Tensor inputs = images.Count > 0
                ? BatchCollator.CollateImages(images, kept, _options.ImageFormat, _options.Normalization)
                : _options.Normalization is null
                    ? BatchCollator.StackTensors(tensors, kept)
                    : throw new InvalidOperationException(
                        "DataLoaderOptions.Normalization applies to samples collated from images, but the transform produces tensors; " +
                        "add Normalize to the transform instead.");
            Tensor targets = BatchCollator.Targets(labels);
            batch = new Batch(inputs.DetachFromDisposeScope(), targets.DetachFromDisposeScope(), kept.ToArray());
        }
        return _options.BatchTransform is { } hook ? ApplyHook(hook, batch, epoch, batchIndex) : batch;
    }

    private bool TryLoad(int index, int epoch, out LoadedSample sample)
    {
        try
        {
            using (torch.NewDisposeScope())
            {
                sample = _load(index, SampleRandom.For(_options.Seed, epoch, index));
                sample.Tensor?.MoveToOuterDisposeScope();
            }
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            string? path = SafePath(index);
            if (_options.OnError == SampleErrorPolicy.Throw)
            {
                if (ex is SampleLoadException) throw;
                string where = path is null ? $"Sample {index}" : $"Sample {index} ({path})";
                throw new SampleLoadException($"{where} could not be loaded or transformed: {ex.GetType().Name}: {ex.Message}", index, path, ex);
            }
            _onSkip(new SkippedSample(epoch, index, path, ex.Message));
            sample = default;
            return false;
        }
    }

    private string? SafePath(int index)
    {
        try
        {
            return _pathOf(index);
        }
        catch (Exception)
        {
            return null;
        }
    }

    private Batch ApplyHook(Func<Batch, Random, Batch> hook, Batch batch, int epoch, int batchIndex)
    {
        Random random = SampleRandom.For(SampleRandom.Derive(_options.Seed, BatchTransformStream), epoch, batchIndex);
        try
        {
            using (torch.NewDisposeScope())
            {
                Batch result = hook(batch, random) ?? throw new InvalidOperationException("The batch transform returned null.");
                result.Inputs.DetachFromDisposeScope();
                result.Targets.DetachFromDisposeScope();
                if (!ReferenceEquals(result.Inputs, batch.Inputs)) batch.Inputs.Dispose();
                if (!ReferenceEquals(result.Targets, batch.Targets)) batch.Targets.Dispose();
                return result;
            }
        }
        catch
        {
            batch.Dispose();
            throw;
        }
    }
}
