namespace ModelZoo.Data.Datasets.Synthetic;

/// <summary>
/// A procedurally drawn 10-class dataset of grayscale shapes (disk, ring, square, frame, triangle, plus, cross,
/// bar, two dots, tee) with random position, scale, rotation (±20°), stroke, brightness and noise. Item i depends
/// only on (seed, i): no files, no download. The embedded default dataset of <c>modelzoo train</c>.
/// </summary>
public sealed class SyntheticShapesDataset : IClassificationDataset
{
    public static IReadOnlyList<string> ClassNames { get; } = new[]
    {
        "disk", "ring", "square", "frame", "triangle", "plus", "cross", "bar", "two-dots", "tee",
    };

    private readonly long _seed;
    private readonly ImageSample?[] _cache;   // rendering is deterministic; keep each item once drawn (28x28: 10k items ≈ 8 MB)

    public SyntheticShapesDataset(int count, long seed = 0, int size = 28)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "Count must be >= 1.");
        if (size < 12) throw new ArgumentOutOfRangeException(nameof(size), size, "Size must be >= 12 pixels.");
        Count = count;
        Size = size;
        _seed = seed;
        _cache = new ImageSample?[count];
    }

    public int Count { get; }
    public int Size { get; }
    public IReadOnlyList<string> Classes => ClassNames;

    public ImageSample this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"Index must be in 0..{Count - 1}.");
            if (_cache[index] is { } cached) return new ImageSample(cached.Image.Clone(), cached.Label);
            Random rng = SampleRandom.For(_seed, -1, index);
            int label = rng.Next(ClassNames.Count);
            var sample = new ImageSample(ShapeRenderer.Render(label, Size, rng), label);
            _cache[index] = sample;
            return new ImageSample(sample.Image.Clone(), label);
        }
    }
}
