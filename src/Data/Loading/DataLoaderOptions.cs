using ModelZoo.Data.Loading.Samplers;
namespace ModelZoo.Data.Loading;

/// <summary>Options of <see cref="DataLoader"/> (PyTorch's names and defaults where PyTorch has them).</summary>
public sealed record DataLoaderOptions
{
    /// <summary>Samples per batch (default 64).</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Reshuffle every epoch with a permutation derived from (Seed, epoch) (a <see cref="RandomSampler"/>).
    /// Mutually exclusive with <see cref="Sampler"/>.</summary>
    public bool Shuffle { get; init; }

    /// <summary>Seed of the shuffle/sampler and of every sample's augmentation stream.</summary>
    public long Seed { get; init; }

    /// <summary>Drop the last incomplete batch.</summary>
    public bool DropLast { get; init; }

    /// <summary>The order in which dataset indices are drawn each epoch; null = sequential, or random when
    /// <see cref="Shuffle"/> is set.</summary>
    public ISampler? Sampler { get; init; }

    /// <summary>Worker threads that load, augment and collate batches in parallel; 0 (default) = on the
    /// consuming thread. Output order and content do not depend on this number.</summary>
    public int Workers { get; init; }

    /// <summary>Batches each worker may prepare ahead of the consumer (PyTorch's prefetch_factor, default 2):
    /// at most Workers × (PrefetchFactor + 1) batches exist at once, whatever the dataset size.</summary>
    public int PrefetchFactor { get; init; } = 2;

    /// <summary>What to do with a sample that cannot be loaded or transformed (default: throw, naming the file).</summary>
    public SampleErrorPolicy OnError { get; init; } = SampleErrorPolicy.Throw;

    /// <summary>How samples that are still images after the transform are collated: float32 scaled to [0, 1]
    /// (default) or raw uint8 (normalise on the device with <see cref="DeviceNormalizer"/>).</summary>
    public ImageTensorFormat ImageFormat { get; init; } = ImageTensorFormat.Float32;

    /// <summary>Normalisation applied while collating images into <see cref="ImageTensorFormat.Float32"/> batches
    /// (the same values as ToTensor + Normalize, computed without per-sample tensors); null = pixel / 255 only.</summary>
    public ImageNormalization? Normalization { get; init; }

    /// <summary>Optional batch-level transform (e.g. MixUp/CutMix), run on the worker after collation with a
    /// random stream derived from (Seed, epoch, batch index). It returns the batch to hand out (the same one or a
    /// new one); tensors of the given batch that the result does not reuse are disposed by the loader.</summary>
    public Func<Batch, Random, Batch>? BatchTransform { get; init; }

    internal void Validate()
    {
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be >= 1.");
        if (Workers < 0 || Workers > 256)
            throw new ArgumentOutOfRangeException(nameof(Workers), Workers, "Workers must be between 0 (load on the calling thread) and 256.");
        if (PrefetchFactor < 1)
            throw new ArgumentOutOfRangeException(nameof(PrefetchFactor), PrefetchFactor, "PrefetchFactor must be >= 1.");
        if (Sampler is not null && Shuffle)
            throw new ArgumentException("Shuffle and Sampler are mutually exclusive: use Shuffle = true or pass a RandomSampler.", nameof(Sampler));
        if (!Enum.IsDefined(OnError)) throw new ArgumentOutOfRangeException(nameof(OnError), OnError, "Unknown SampleErrorPolicy.");
        if (!Enum.IsDefined(ImageFormat)) throw new ArgumentOutOfRangeException(nameof(ImageFormat), ImageFormat, "Unknown ImageTensorFormat.");
        if (Normalization is not null && ImageFormat == ImageTensorFormat.UInt8)
            throw new ArgumentException("Normalization needs float batches; with ImageFormat = UInt8 normalise on the device with DeviceNormalizer.", nameof(Normalization));
    }
}
